package io.punktfunk.cli.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.cli.Main;
import io.punktfunk.host.gamestream.http.PairedMoonlightClients;
import io.punktfunk.host.gamestream.http.PinRequestFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code host gamestream-clients [revoke]} and {@code host gamestream-pin} through the real command tree. */
class GameStreamCommandsTest {
    @TempDir
    Path dir;

    @Test
    void listsAndRevokesPairedMoonlightClients() throws Exception {
        X509Certificate cert = certificate();
        var added = PairedMoonlightClients.open(dir).add(cert, "living-room-tv");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("host", "gamestream-clients", "--config-dir", dir.toString())).isZero();
        assertThat(out.toString()).contains(added.fingerprint()).contains("living-room-tv");

        assertThat(Main.run("host", "gamestream-clients", "revoke", "00000000", "--config-dir", dir.toString())).isEqualTo(1);
        assertThat(Main.run("host", "gamestream-clients", "revoke", added.fingerprint().substring(0, 10), "--config-dir",
                dir.toString())).isZero();
        assertThat(PairedMoonlightClients.open(dir).list()).isEmpty();
        assertThat(Main.run("host", "gamestream-clients", "revoke", "xyz", "--config-dir", dir.toString())).isEqualTo(2);
    }

    @Test
    void aPinNobodyWaitsForIsWithdrawn() {
        assertThat(Main.run("host", "gamestream-pin", "1234", "--wait", "300ms", "--config-dir", dir.toString())).isEqualTo(2);
        assertThat(Files.exists(dir.resolve(PinRequestFile.FILE))).isFalse();
        assertThat(Main.run("host", "gamestream-pin", "12345", "--config-dir", dir.toString())).isEqualTo(2);
    }

    private static X509Certificate certificate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X500Name n = new X500Name("CN=moonlight");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(n, BigInteger.ZERO,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), n, kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
    }
}
