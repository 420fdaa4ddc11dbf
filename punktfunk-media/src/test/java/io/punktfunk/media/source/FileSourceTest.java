package io.punktfunk.media.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.video.FfmpegVideoEncoder;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import io.punktfunk.media.video.VideoEncoder;
import io.punktfunk.media.video.VideoEncoderConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stamped H.264 file, written by our encoder, plays back in order and loops. */
class FileSourceTest {

    @Test
    void playsAFileInOrderAndLoops(@TempDir Path dir) throws IOException {
        int width = 1280;
        int height = 720;
        int frames = 20;
        Path file = dir.resolve("stamped.h264");
        List<Long> written = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(file);
             SyntheticSource synthetic = SyntheticSource.unpaced(width, height, 30);
             Picture picture = Picture.allocate(PixelFormat.I420, width, height);
             VideoEncoder encoder = FfmpegVideoEncoder.open(
                     VideoEncoderConfig.h264(width, height, 30, 10_000_000).withEncoder("libx264"))) {
            for (int i = 0; i < frames; i++) {
                synthetic.capture(picture);
                written.add(picture.captureNs());
                encoder.encode(picture, false, unit -> {
                    try {
                        out.write(unit.data(), 0, unit.length());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        try (FileSource source = new FileSource(file, width, height, 30, false);
             Picture picture = Picture.allocate(PixelFormat.I420, width, height)) {
            for (int i = 0; i < frames + frames / 2; i++) {
                source.capture(picture);
                int expected = i % frames;
                assertThat(SyntheticStamp.read(picture)).as("picture %d", i)
                        .contains(new SyntheticStamp(expected, written.get(expected)));
                assertThat(picture.frameCounter()).isEqualTo(i);
            }
        }
    }
}
