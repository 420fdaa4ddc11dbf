package io.punktfunk.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the picture goes in a window of another shape: as large as fits, centred, aspect kept. */
class VideoCanvasFitTest {

    @ParameterizedTest(name = "{0}x{1} in {2}x{3}")
    @CsvSource({
        "1280,720,1280,720,0,0,1280,720",
        "1280,720,1280,1000,0,140,1280,720",
        "1280,720,1600,720,160,0,1280,720",
        "1920,1080,1280,720,0,0,1280,720",
        "1280,720,640,640,0,140,640,360",
        "640,480,1280,720,160,0,960,720",
        "1280,720,0,0,0,0,0,0",
    })
    void letterboxes(int pw, int ph, int w, int h, int x, int y, int fw, int fh) {
        Rectangle out = new Rectangle();
        VideoCanvas.fit(pw, ph, w, h, out);
        assertThat(out).isEqualTo(new Rectangle(x, y, fw, fh));
    }
}
