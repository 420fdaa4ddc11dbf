package io.punktfunk.host.stream;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.pacing.PacingConfig;
import io.punktfunk.core.session.ClientMediaSession;
import io.punktfunk.core.session.HostMediaSession;
import io.punktfunk.core.session.ReceivedFrame;
import io.punktfunk.core.session.SessionConfig;
import io.punktfunk.core.session.ThreadingMode;
import io.punktfunk.core.transport.ImpairedTransport;
import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.core.transport.LoopbackTransport;
import java.security.SecureRandom;

/**
 * Runs the data plane (packetize, FEC encode, seal, open, reassemble, FEC reconstruct) over an
 * in-memory loopback for a few hundred frames, so the JIT has compiled it before the first real
 * frame. Without it the Vector API FEC kernels run interpreted at first and the first ~second of a
 * stream overflows the send queue (docs/fec-gf8.md, "Cold start").
 */
public final class DataPlaneWarmup {
    /** Enough calls per shape for C2 to compile the kernels (they need ~80). */
    public static final int FRAMES = 300;
    private static final int P_FRAME_BYTES = 40_000;
    private static final int IDR_FRAME_BYTES = 160_000;

    private DataPlaneWarmup() {
    }

    /**
     * Warms the paths for this FEC configuration and shard size.
     *
     * @return frames that came through (a sanity figure for the log)
     */
    public static int run(FecConfig fec, int shardBytes) {
        SessionConfig config = new SessionConfig().fec(fec).shardBytes(shardBytes)
                .keys(MediaKeys.generate(new SecureRandom()))
                .pacing(new PacingConfig().enabled(false))
                .threadingMode(ThreadingMode.INVOKER)
                .name("warmup");
        LoopbackTransport.Pair pair = LoopbackTransport.pair(4096, 2048);
        // a little loss so the receiver's FEC reconstruction is warmed as well
        ImpairedTransport lossy = new ImpairedTransport(pair.left(), new ImpairmentConfig().seed(7).lossRate(0.02));
        byte[] frame = new byte[IDR_FRAME_BYTES];
        new SecureRandom().nextBytes(frame);
        int delivered = 0;
        try (HostMediaSession host = HostMediaSession.over(lossy, config);
             ClientMediaSession client = ClientMediaSession.over(pair.right(), config)) {
            for (int i = 0; i < FRAMES; i++) {
                int len = i % 20 == 0 ? IDR_FRAME_BYTES : P_FRAME_BYTES + (i % 7) * 1000;
                host.submitFrame(frame, 0, len, i, i, 0);
                host.doWork();
                client.doWork(); // pollFrame(0) would return before receiving anything
                ReceivedFrame f = client.pollFrame(0);
                while (f != null) {
                    delivered++;
                    f = client.pollFrame(0);
                }
            }
        }
        return delivered;
    }
}
