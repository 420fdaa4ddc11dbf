package io.punktfunk.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.audio.OpusAudioDecoder;
import io.punktfunk.media.audio.OpusAudioEncoder;
import io.punktfunk.media.video.FfmpegVideoDecoder;
import io.punktfunk.media.video.FfmpegVideoEncoder;
import io.punktfunk.media.video.VideoCodec;
import io.punktfunk.media.video.VideoEncoderConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opening the video and audio codecs never maps libavdevice (whose JNI library links PulseAudio,
 * ALSA and XCB): checked in a fresh JVM, since other tests in this fork open capture devices.
 */
class CodecsWithoutDevicesTest {

    @Test
    void encoderDecoderAndOpusLeaveLibavdeviceUnloaded() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(child.exitValue()).as("child output:%n%s", output).isZero();
        assertThat(output).contains("codecs opened").contains("avcodec mapped: true").contains("avdevice mapped: false");
    }

    /** Runs in the child JVM: opens every codec the stream uses, then reports what is mapped. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            FfmpegVideoEncoder.open(VideoEncoderConfig.h264(320, 240, 30, 1_000_000).withEncoder("libx264")).close();
            FfmpegVideoDecoder.open(VideoCodec.H264).close();
            OpusAudioEncoder.open(128_000).close();
            OpusAudioDecoder.open().close();
            System.out.println("codecs opened");
            String maps = Files.readString(Path.of("/proc/self/maps"));
            System.out.println("avcodec mapped: " + maps.contains("libavcodec.so"));
            System.out.println("avdevice mapped: " + (maps.contains("libavdevice.so") || maps.contains("libjniavdevice.so")));
        }
    }
}
