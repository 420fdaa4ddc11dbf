package io.punktfunk.control.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    @TempDir
    Path tmp;

    @Test
    void createdOnceThenLoadedWithTheSameFingerprint() throws IOException {
        Path dir = tmp.resolve("cfg");
        Identity first = Identity.loadOrCreate(dir, Identity.HOST_FILES, "punktfunk");
        Identity again = Identity.loadOrCreate(dir, Identity.HOST_FILES, "punktfunk");
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(Files.exists(dir.resolve("native-cert.pem"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("native-key.pem")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void certificateIsSelfSignedP256WithSha256Fingerprint() throws Exception {
        Identity id = SelfSignedCertificates.generate("punktfunk-client");
        id.certificate().verify(id.certificate().getPublicKey());
        assertThat(id.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) id.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        String hex = id.fingerprint().hex();
        assertThat(hex).hasSize(64).matches("[0-9a-f]{64}");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.certificate().getEncoded());
        assertThat(id.fingerprint().bytes()).isEqualTo(digest);
        assertThat(Fingerprint.parse(hex.toUpperCase())).isEqualTo(id.fingerprint());
    }

    @Test
    void halfAnIdentityIsAnErrorNotSilentlyReplaced() throws IOException {
        Path dir = tmp.resolve("cfg");
        Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "c");
        Files.delete(Identity.keyFile(dir, Identity.CLIENT_FILES));
        assertThatThrownBy(() -> Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "c"))
                .isInstanceOf(IOException.class).hasMessageContaining("incomplete");
    }

    @Test
    void looseKeyPermissionsAreTightenedOnLoad() throws IOException {
        Path dir = tmp.resolve("cfg");
        Identity.loadOrCreate(dir, Identity.CLIENT_FILES, "c");
        Path key = Identity.keyFile(dir, Identity.CLIENT_FILES);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Identity.load(dir, Identity.CLIENT_FILES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void badFingerprintTextIsRejected() {
        assertThatThrownBy(() -> Fingerprint.parse("abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.parse("zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
