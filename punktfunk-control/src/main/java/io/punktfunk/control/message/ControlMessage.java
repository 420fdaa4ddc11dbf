package io.punktfunk.control.message;

/**
 * Typed control messages ({@code "PKFc" ‖ type u8 ‖ body}, all integers little-endian). Each record
 * names its type id; layouts and bounds live in {@link ControlMessageCodec} and docs/control-plane.md.
 */
public sealed interface ControlMessage {
    /** The message's type byte. */
    int type();

    int PAIR_REQUEST = 0x10;
    int PAIR_CHALLENGE = 0x11;
    int PAIR_PROOF = 0x12;
    int PAIR_RESULT = 0x13;
    int REFUSED = 0x16;
    int KEEPALIVE = 0x20;
    int CLOSE = 0x21;
    int SET_BITRATE = 0x24;
    int BITRATE_CHANGED = 0x25;
    int DELIVERY_REPORT = 0x29;
    int RECEIVER_STATS = 0x2A;
    int PROBE_REQUEST = 0x2B;
    int PROBE_RESULT = 0x2C;
    int LOSS_REPORT = 0x2E;
    int FEC_CHANGED = 0x2F;
    int INVALIDATE_REFS = 0x36;
    int REQUEST_KEYFRAME = 0x37;
    int CLOCK_PROBE = 0x3A;
    int CLOCK_ECHO = 0x3B;
    int INPUT_EDGE = 0x50;

    /** Client → host, first message of the PIN ceremony: its SPAKE2 share pA (65-byte SEC1 point). */
    record PairRequest(String name, byte[] share) implements ControlMessage {
        public int type() {
            return PAIR_REQUEST;
        }
    }

    /** Host → client: the host's SPAKE2 share pB. */
    record PairChallenge(byte[] share) implements ControlMessage {
        public int type() {
            return PAIR_CHALLENGE;
        }
    }

    /** Client → host: the client's key confirmation cA (32 bytes). */
    record PairProof(byte[] confirmation) implements ControlMessage {
        public int type() {
            return PAIR_PROOF;
        }
    }

    /** Host → client: pairing accepted, with the host's key confirmation cB (32 bytes). */
    record PairResult(boolean ok, byte[] confirmation) implements ControlMessage {
        public int type() {
            return PAIR_RESULT;
        }
    }

    /** Host → client: the handshake or pairing is refused; the connection closes after it. */
    record Refused(int code, String reason) implements ControlMessage {
        public int type() {
            return REFUSED;
        }
    }

    /** Either way: keeps the QUIC idle timer from firing while nothing else is said. */
    record Keepalive() implements ControlMessage {
        public int type() {
            return KEEPALIVE;
        }
    }

    /** Either way: the session ends with this code and reason; the connection closes after it. */
    record Close(int code, String reason) implements ControlMessage {
        public int type() {
            return CLOSE;
        }
    }

    /** Client → host: new target video bitrate. */
    record SetBitrate(int kbps) implements ControlMessage {
        public int type() {
            return SET_BITRATE;
        }
    }

    /** Host → client: the bitrate now in force, and why it differs from the ask (0 granted, 1 clamped). */
    record BitrateChanged(int kbps, int reason) implements ControlMessage {
        public static final int GRANTED = 0;
        public static final int CLAMPED = 1;
        /** Adaptive bitrate stepped down (loss or queueing on the link). */
        public static final int ADAPTED_DOWN = 2;
        /** Adaptive bitrate probed up on a clean link. */
        public static final int ADAPTED_UP = 3;
        /** The bring-up ramp set the starting bitrate below the ask. */
        public static final int RAMP = 4;

        public int type() {
            return BITRATE_CHANGED;
        }
    }

    /** Client → host: burst probe traffic at {@code targetKbps} for {@code durationMs} (speed test). */
    record ProbeRequest(int targetKbps, int durationMs) implements ControlMessage {
        public int type() {
            return PROBE_REQUEST;
        }
    }

    /** Host → client: what the probe burst actually sent. */
    record ProbeResult(long bytesSent, long packetsSent, int durationMs, long wirePacketsSent, long sendDropped)
            implements ControlMessage {
        public int type() {
            return PROBE_RESULT;
        }
    }

    /**
     * Client → host, every ~250 ms: what the data plane delivered in the last {@code intervalUs}
     * (wire bytes, frames lost), the rise of the one-way queueing delay over its recent minimum
     * (arrival vs pts: relative, no clock sync), and the link rate the bring-up ramp proved (kbps,
     * 0 = none). Drives adaptive bitrate and the pacer's link estimate (docs/links.md).
     */
    record DeliveryReport(int window, int intervalUs, long wireBytes, int framesLost, int queueDelayUs, int linkKbps)
            implements ControlMessage {
        public int type() {
            return DELIVERY_REPORT;
        }
    }

    /**
     * Client → host, about once a second: what only the receiver knows, for the host's operator (management API,
     * {@code /metrics}). An older host skips the unknown type. {@code latencyP50Us}/{@code P99Us}: glass-to-glass
     * over the last interval, -1 when not measured (the client cannot read the host's capture clock).
     *
     * @param fecRebuiltShards data shards the client rebuilt from parity, session total
     */
    record ReceiverStats(int window, long fecRebuiltShards, int latencyP50Us, int latencyP99Us) implements ControlMessage {
        /** Latency not measured. */
        public static final int NOT_MEASURED = -1;

        public int type() {
            return RECEIVER_STATS;
        }
    }

    /** Client → host, once per report window: residual loss after FEC, driving adaptive FEC. */
    record LossReport(int window, int lossPpm, long packetsReceived) implements ControlMessage {
        public int type() {
            return LOSS_REPORT;
        }
    }

    /** Host → client: the parity percentage now in force (informational; packets carry k and m). */
    record FecChanged(int percent) implements ControlMessage {
        public int type() {
            return FEC_CHANGED;
        }
    }

    /** Client → host: frames {@code first..last} (inclusive) are lost; re-reference before them or send an IDR. */
    record InvalidateRefs(int firstFrame, int lastFrame) implements ControlMessage {
        public int type() {
            return INVALIDATE_REFS;
        }
    }

    /** Client → host: the decoder needs a keyframe. */
    record RequestKeyframe() implements ControlMessage {
        public int type() {
            return REQUEST_KEYFRAME;
        }
    }

    /** Client → host: clock-sync round start, client clock {@code t1} in ns. */
    record ClockProbe(long t1Ns) implements ControlMessage {
        public int type() {
            return CLOCK_PROBE;
        }
    }

    /** Host → client: {@code t1} echoed, host receive time {@code t2} and host send time {@code t3} (ns). */
    record ClockEcho(long t1Ns, long t2Ns, long t3Ns) implements ControlMessage {
        public int type() {
            return CLOCK_ECHO;
        }
    }

    /** Client → host: an input edge that must not be lost (key, mouse button). */
    record InputEdge(InputEvent event) implements ControlMessage {
        public int type() {
            return INPUT_EDGE;
        }
    }
}
