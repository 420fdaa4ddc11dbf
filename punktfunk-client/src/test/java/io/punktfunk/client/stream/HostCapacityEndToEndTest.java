package io.punktfunk.client.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.host.stream.HostCapacity;
import io.punktfunk.host.stream.HostStreamSettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host past its pixel-rate budget refuses the next session BUSY with its reason, and the
 * sessions it admitted keep streaming; clients here verify frames without decoding them.
 */
class HostCapacityEndToEndTest {
    private static final Mode SMALL = new Mode(640, 360, 30);

    @TempDir
    Path dir;

    @Test
    void theSessionPastCapacityIsRefusedWithAReasonAndTheAdmittedOnesKeepStreaming() throws Exception {
        try (LoopbackHost h = new LoopbackHost(dir, HostStreamSettings.defaults().withAudio(AudioKind.NONE, null))) {
            h.streaming.capacity().budget(2 * HostCapacity.pixelsPerSecond(SMALL));
            ClientStream a = h.connect(ClientStreamOptions.headless(SMALL, 1000, "a").withoutDecoding());
            ClientStream b = h.connect(ClientStreamOptions.headless(SMALL, 1000, "b").withoutDecoding());
            awaitFrames(a, 1);
            awaitFrames(b, 1);
            ClientStream c = h.connect(ClientStreamOptions.headless(SMALL, 1000, "c").withoutDecoding());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (c.isRunning() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(c.isRunning()).as("the third session ends").isFalse();
            assertThat(c.closeCode()).isEqualTo(CloseCode.BUSY.code());
            assertThat(c.closeReason()).startsWith("host at capacity: 2 sessions use 13.8 of 13.8 Mpx/s");
            assertThat(c.stats().framesReceived()).as("a refused session streams nothing").isZero();
            c.close();

            long aShown = a.stats().framesShown();
            long bShown = b.stats().framesShown();
            awaitFrames(a, aShown + 30);
            awaitFrames(b, bShown + 30);
            for (ClientStream s : new ClientStream[] {a, b}) {
                StreamStats st = s.stats();
                assertThat(s.isRunning()).isTrue();
                assertThat(st.framesLost()).as("frames lost").isZero();
                assertThat(st.framesDamaged()).as("frames failing the checks").isZero();
                assertThat(st.framesDecoded()).as("nothing decoded").isZero();
                var latency = s.totalLatency();
                long shownAfter = s.stats().framesShown();
                // recorded just before a frame counts as shown: one per verified frame, give or take the one in flight
                assertThat(latency.getTotalCount()).as("latency per verified frame")
                        .isBetween(st.framesShown(), shownAfter + 1);
                assertThat(latency.getValueAtPercentile(50)).as("capture → reassembled, µs").isPositive();
            }
            b.close();
            // b's place comes back: the next client is admitted
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (h.streaming.capacity().sessions() > 1 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            ClientStream d = h.connect(ClientStreamOptions.headless(SMALL, 1000, "d").withoutDecoding());
            awaitFrames(d, 10);
            assertThat(d.isRunning()).isTrue();
            d.close();
            a.close();
        }
    }

    /** Waits (generously: a loaded box) until {@code s} has verified {@code frames} frames. */
    private static void awaitFrames(ClientStream s, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.stats().framesShown() < frames && s.isRunning() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(s.stats().framesShown()).as("frames verified").isGreaterThanOrEqualTo(frames);
    }
}
