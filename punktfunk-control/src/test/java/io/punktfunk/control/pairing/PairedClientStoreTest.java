package io.punktfunk.control.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.SelfSignedCertificates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedClientStoreTest {
    @TempDir
    Path dir;

    @Test
    void addListRemovePersist() throws Exception {
        Fingerprint a = SelfSignedCertificates.generate("a").fingerprint();
        Fingerprint b = SelfSignedCertificates.generate("b").fingerprint();
        PairedClientStore s = PairedClientStore.load(dir);
        s.add(a, "Laptop\twith tab");
        s.add(b, "Deck");
        PairedClientStore reloaded = PairedClientStore.load(dir);
        assertThat(reloaded.list()).extracting(PairedClientStore.PairedClient::name).containsExactly("Laptop with tab", "Deck");
        assertThat(reloaded.isPaired(a)).isTrue();
        assertThat(reloaded.remove(b.hex().substring(0, 12))).hasSize(1);
        assertThat(PairedClientStore.load(dir).isPaired(b)).isFalse();
        assertThatThrownBy(() -> reloaded.remove("ab")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knownHostsPinAndReload() throws Exception {
        Fingerprint h = SelfSignedCertificates.generate("h").fingerprint();
        KnownHostStore.load(dir).pin("10.0.0.5:9777", h);
        assertThat(KnownHostStore.load(dir).lookup("10.0.0.5:9777")).contains(h);
        assertThat(KnownHostStore.load(dir).lookup("10.0.0.6:9777")).isEmpty();
    }
}
