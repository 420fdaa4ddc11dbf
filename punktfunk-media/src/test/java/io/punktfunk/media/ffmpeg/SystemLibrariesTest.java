package io.punktfunk.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dynamic-loader check and the one-line error that names the Debian packages. */
class SystemLibrariesTest {

    @Test
    void findsALibraryEveryLinuxHasAndMissesOneNoneHas() {
        assertThat(SystemLibraries.loadable("libc.so.6")).isTrue();
        assertThat(SystemLibraries.loadable("libpunktfunk-does-not-exist.so.9")).isFalse();
        assertThat(SystemLibraries.missing(Map.of("libc.so.6", "libc6", "libnope.so.1", "nope1")))
                .containsExactly("libnope.so.1");
    }

    @Test
    void errorNamesTheFeatureTheLibrariesAndOneAptLine() {
        Map<String, String> required = Map.of("libnope.so.1", "nope1", "libnada.so.2", "nope1");
        assertThatThrownBy(() -> SystemLibraries.require("--audio pulse", required))
                .isInstanceOf(FfmpegException.class)
                .hasMessageStartingWith("--audio pulse needs ")
                .hasMessageContaining("libnope.so.1")
                .hasMessageContaining("libnada.so.2")
                .hasMessageEndingWith(": apt-get install nope1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void messageListsEachPackageOnceInTheLibrariesOrder() {
        String message = SystemLibraries.message("--source x11", List.of("libxcb.so.1", "libpulse.so.0"),
                SystemLibraries.DEVICES);
        assertThat(message).isEqualTo("--source x11 needs libxcb.so.1, libpulse.so.0: apt-get install libxcb1 libpulse0");
    }
}
