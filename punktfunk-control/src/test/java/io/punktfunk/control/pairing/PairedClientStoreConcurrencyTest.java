package io.punktfunk.control.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.SelfSignedCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes share paired-clients.tsv: changes merge instead of overwriting each other, and reloads see them. */
class PairedClientStoreConcurrencyTest {
    @TempDir
    Path dir;

    private static Fingerprint fp(int i) {
        byte[] b = new byte[32];
        b[0] = (byte) 0xA0;
        b[31] = (byte) i;
        b[30] = (byte) (i >> 8);
        return Fingerprint.parse(java.util.HexFormat.of().formatHex(b));
    }

    /** Entry point of the second process: {@code remove DIR PREFIX} or {@code add DIR HEX NAME}, repeated ROUNDS times. */
    public static void main(String[] args) throws Exception {
        PairedClientStore s = PairedClientStore.load(Path.of(args[1]));
        if (args[0].equals("remove")) {
            s.remove(args[2]);
        } else {
            for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                s.add(fp(10_000 + i), args[2] + i);
            }
        }
    }

    private Process spawn(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PairedClientStoreConcurrencyTest.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void anUnpairInAnotherProcessIsNotUndoneByThisOnesAdds() throws Exception {
        Fingerprint victim = SelfSignedCertificates.generate("victim").fingerprint();
        PairedClientStore host = PairedClientStore.load(dir);
        host.add(victim, "to be revoked");
        // the other process unpairs while this one keeps pairing clients
        Process unpair = spawn("remove", dir.toString(), victim.hex().substring(0, 16));
        for (int i = 0; i < 40; i++) {
            host.add(fp(i), "client " + i);
        }
        assertThat(unpair.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unpair.exitValue()).as(new String(unpair.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        PairedClientStore onDisk = PairedClientStore.load(dir);
        assertThat(onDisk.isPaired(victim)).as("the unpair survived").isFalse();
        for (int i = 0; i < 40; i++) {
            assertThat(onDisk.isPaired(fp(i))).isTrue();
        }
        assertThat(host.reload().removed()).extracting(PairedClientStore.PairedClient::fingerprint).containsExactly(victim);
        assertThat(host.isPaired(victim)).isFalse();
    }

    @Test
    void concurrentAddsFromTwoProcessesAllLand() throws Exception {
        PairedClientStore here = PairedClientStore.load(dir);
        Process other = spawn("add", dir.toString(), "other ", "30");
        for (int i = 0; i < 30; i++) {
            here.add(fp(i), "here " + i);
        }
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).isZero();
        assertThat(PairedClientStore.load(dir).list()).hasSize(60);
        assertThat(here.reload().added()).as("theirs: ours are no news").hasSize(30);
    }

    @Test
    void reloadReportsNothingWhenNothingChangedAndSeesAnotherStoresChange() throws Exception {
        PairedClientStore a = PairedClientStore.load(dir);
        PairedClientStore b = PairedClientStore.load(dir);
        assertThat(a.reload().isEmpty()).isTrue();
        b.add(fp(1), "one");
        assertThat(a.isPaired(fp(1))).as("no I/O until reload").isFalse();
        assertThat(a.reload().added()).hasSize(1);
        assertThat(a.isPaired(fp(1))).isTrue();
        assertThat(a.reload().isEmpty()).isTrue();
    }

    @Test
    void aCrashMidWriteLeavesTheOldFileIntact() throws Exception {
        PairedClientStore s = PairedClientStore.load(dir);
        s.add(fp(1), "one");
        byte[] before = Files.readAllBytes(dir.resolve(PairedClientStore.FILE));
        // what a crash between "temp file written" and "rename" leaves behind: a partial temp file
        Files.writeString(dir.resolve(".tmp-123.part"), "a0000000\thalf a li");
        assertThat(Files.readAllBytes(dir.resolve(PairedClientStore.FILE))).isEqualTo(before);
        PairedClientStore after = PairedClientStore.load(dir);
        assertThat(after.list()).extracting(PairedClientStore.PairedClient::name).containsExactly("one");
        after.add(fp(2), "two");
        assertThat(PairedClientStore.load(dir).list()).hasSize(2);
        assertThat(Files.getPosixFilePermissions(dir.resolve(PairedClientStore.FILE)).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
}
