package io.punktfunk.client.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.source.SyntheticStamp;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import org.junit.jupiter.api.Test;

class StampVerifierTest {

    @Test
    void countsGapsRegressionsAndUnreadablePictures() {
        StampVerifier v = new StampVerifier();
        try (Picture p = Picture.allocate(PixelFormat.I420, 640, 360)) {
            for (long c : new long[] {0, 1, 2, 5, 6, 4}) {
                SyntheticStamp.write(p, c, 1000 + c);
                assertThat(v.check(p)).isEqualTo(1000 + c);
            }
            p.plane(0).fill((byte) 128); // no stamp
            assertThat(v.check(p)).isEqualTo(-1);
            p.plane(0).fill((byte) 16); // black screen: reads as counter 0 at time 0 with a matching check
            assertThat(v.check(p)).isEqualTo(-1);
        }
        assertThat(v.stampsRead()).isEqualTo(6);
        assertThat(v.missing()).as("3 and 4 skipped between 2 and 5").isEqualTo(2);
        assertThat(v.regressions()).as("4 after 6").isEqualTo(1);
        assertThat(v.unreadable()).isEqualTo(2);
        assertThat(v.lastCounter()).isEqualTo(6);
    }
}
