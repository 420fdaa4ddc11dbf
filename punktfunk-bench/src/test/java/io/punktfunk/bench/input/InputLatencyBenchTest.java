package io.punktfunk.bench.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.host.input.Xlib;
import io.punktfunk.testkit.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A short run of the input latency bench on its own Xvfb: every event is seen, the figures are sane. */
class InputLatencyBenchTest {
    @Test
    void shortRunSeesEveryEvent() throws Exception {
        Environment.require(Environment.onPath("Xvfb"), "Xvfb is not installed (Debian package xvfb)");
        Environment.require(Xlib.available(), "libX11/libXtst missing (Debian packages libx11-6 libxtst6)");
        StringWriter log = new StringWriter();
        InputLatencyBench.Result r = InputLatencyBench.run(null, 0.5, 20, false, new PrintWriter(log));
        assertEquals(0, r.lost(), log.toString());
        assertTrue(r.motion().count() > 10 && r.key().count() > 10, r.toString());
        assertTrue(r.motion().p50Us() > 0 && r.motion().p50Us() <= r.motion().p99Us(), r.toString());
        assertTrue(r.key().p99Us() <= r.key().maxUs(), r.toString());
    }

    /** With a video stream alongside, the session needs a real client data plane or the host ends it after 5 s. */
    @Test
    void runWithAStreamKeepsTheSessionAndSeesEveryEvent() throws Exception {
        Environment.require(Environment.onPath("Xvfb"), "Xvfb is not installed (Debian package xvfb)");
        Environment.require(Xlib.available(), "libX11/libXtst missing (Debian packages libx11-6 libxtst6)");
        StringWriter log = new StringWriter();
        // 6 s measured: past the host's 5 s deadline for the client's first data-plane hello
        InputLatencyBench.Result r = InputLatencyBench.run(null, 6, 20, true, new PrintWriter(log));
        assertEquals(0, r.lost(), log.toString());
        assertTrue(r.stream() && r.motion().count() > 100 && r.key().count() > 100, r.toString());
    }
}
