package io.punktfunk.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.punktfunk.media.ffmpeg.SystemLibraries;
import io.punktfunk.testkit.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A tone played into a PulseAudio null sink comes back through the sink's monitor. */
class PulseAudioSourceTest {

    @Test
    void capturesWhatIsPlayedIntoTheSink() throws Exception {
        Environment.require(PulseServer.installed(),
                "pulseaudio/pacat not installed (apt-get install pulseaudio pulseaudio-utils): capture not tested");
        List<String> missing = SystemLibraries.missing(SystemLibraries.DEVICES);
        Environment.require(missing.isEmpty(), "FFmpeg's device library needs " + missing
                + " (apt-get install libxcb1 libxcb-shm0 libasound2 libpulse0): PulseAudio capture not tested");
        double hz = 660;
        try (PulseServer pulse = PulseServer.start()) {
            Process player = pulse.play();
            AtomicBoolean stop = new AtomicBoolean();
            Thread feeder = Thread.ofPlatform().daemon().start(() -> feed(player.getOutputStream(), hz, stop));
            try (PulseAudioSource source = new PulseAudioSource(PulseServer.SINK + ".monitor", pulse.server())) {
                short[] frame = PcmFormat.newFrame();
                int frames = 40;
                double[] left = new double[frames * PcmFormat.FRAME_SAMPLES];
                // Let the stream settle (start-up silence), then record 400 ms.
                for (int i = 0; i < 30; i++) {
                    source.read(frame);
                }
                long previous = Long.MIN_VALUE;
                for (int i = 0; i < frames; i++) {
                    long ns = source.read(frame);
                    assertThat(ns).isGreaterThan(previous);
                    previous = ns;
                    for (int s = 0; s < PcmFormat.FRAME_SAMPLES; s++) {
                        left[i * PcmFormat.FRAME_SAMPLES + s] = frame[2 * s];
                    }
                }
                assertThat(ToneDetector.dominantHz(left, 100, 4000, 1)).isCloseTo(hz, within(5.0));
            } finally {
                stop.set(true);
                feeder.join(2000);
                player.destroy();
                player.waitFor();
            }
        }
    }

    private static void feed(OutputStream out, double hz, AtomicBoolean stop) {
        try (ToneSource tone = new ToneSource(hz, 0.5, true)) {
            short[] frame = PcmFormat.newFrame();
            byte[] bytes = new byte[PcmFormat.BYTES_PER_FRAME];
            while (!stop.get()) {
                tone.read(frame);
                for (int i = 0; i < frame.length; i++) {
                    bytes[2 * i] = (byte) frame[i];
                    bytes[2 * i + 1] = (byte) (frame[i] >> 8);
                }
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // pacat went away: the test's assertions report what was captured
        }
    }
}
