package io.punktfunk.host.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.media.source.SyntheticSource;
import io.punktfunk.media.source.VideoSource;
import org.junit.jupiter.api.Test;

class SourceKindTest {

    @Test
    void parsesNamesCaseInsensitivelyAndRejectsOthersClearly() {
        assertThat(SourceKind.parse("X11")).isEqualTo(SourceKind.X11);
        assertThat(SourceKind.parse(" synthetic ")).isEqualTo(SourceKind.SYNTHETIC);
        assertThat(SourceKind.resolve("file")).isEqualTo(SourceKind.FILE);
        assertThatThrownBy(() -> SourceKind.parse("webcam")).hasMessageContaining("webcam")
                .hasMessageContaining("synthetic, x11, file or virtual");
        assertThat(SourceKind.parse("virtual")).isEqualTo(SourceKind.VIRTUAL);
        assertThatThrownBy(() -> AudioKind.parse("mp3")).hasMessageContaining("tone, pulse or none");
    }

    @Test
    void opensTheSyntheticSourceAtTheClientsMode() {
        try (VideoSource s = SourceKind.SYNTHETIC.open(new Mode(640, 360, 30), null, null)) {
            assertThat(s).isInstanceOf(SyntheticSource.class);
            assertThat(s.width()).isEqualTo(640);
            assertThat(s.height()).isEqualTo(360);
            assertThat(s.fps()).isEqualTo(30);
        }
    }

    @Test
    void fileSourceWithoutAFileIsAClearError() {
        assertThatThrownBy(() -> SourceKind.FILE.open(new Mode(640, 360, 30), null, null))
                .hasMessageContaining("--file");
    }
}
