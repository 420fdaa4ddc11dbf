package io.punktfunk.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.punktfunk.media.source.SyntheticSource;
import io.punktfunk.media.source.SyntheticStamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every software encoder this FFmpeg build has: zero delay, infinite GOP, IDR on request, stamps intact. */
class OtherCodecsTest {

    @ParameterizedTest
    @CsvSource({"H264, libx264", "HEVC, libx265", "AV1, libsvtav1", "AV1, libaom-av1"})
    void encoderRoundTripsWithIdrOnRequest(VideoCodec codec, String encoderName) {
        assumeTrue(FfmpegVideoEncoder.available(encoderName, codec), encoderName + " is not in this FFmpeg build or does not open");
        int width = 1280;
        int height = 720;
        int idrAt = 6;
        List<VideoFrames> units = new ArrayList<>();
        VideoEncoderConfig config = new VideoEncoderConfig(width, height, 30, 4_000_000, codec, encoderName, false, null);
        try (SyntheticSource source = SyntheticSource.unpaced(width, height, 30);
             Picture picture = Picture.allocate(PixelFormat.I420, width, height);
             VideoEncoder encoder = FfmpegVideoEncoder.open(config)) {
            assertThat(encoder.encoderName()).isEqualTo(encoderName);
            for (int i = 0; i < 12; i++) {
                source.capture(picture);
                int before = units.size();
                encoder.encode(picture, i == idrAt, unit -> units.add(VideoFrames.copyOf(unit)));
                assertThat(units.size() - before).as("%s: one unit per picture, no delay (frame %d)", encoderName, i)
                        .isEqualTo(1);
            }
        }
        assertThat(units.stream().filter(VideoFrames::keyframe).map(VideoFrames::frameIndex).toList())
                .as("%s keyframes", encoderName).containsExactly(0L, (long) idrAt);
        try (VideoDecoder decoder = FfmpegVideoDecoder.open(codec);
             Picture picture = Picture.allocate(PixelFormat.I420, width, height)) {
            for (VideoFrames unit : units) {
                assertThat(decoder.decode(unit.bytes(), 0, unit.bytes().length, unit.frameIndex(), unit.captureNs(),
                        picture)).as("%s unit %d decodes at once", encoderName, unit.frameIndex()).isTrue();
                assertThat(SyntheticStamp.read(picture)).as("%s stamp %d", encoderName, unit.frameIndex())
                        .contains(new SyntheticStamp(unit.frameIndex(), unit.captureNs()));
            }
        }
    }
}
