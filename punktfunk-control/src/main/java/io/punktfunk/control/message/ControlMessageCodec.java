package io.punktfunk.control.message;

import io.netty.buffer.ByteBuf;
import io.punktfunk.control.message.ControlMessage.BitrateChanged;
import io.punktfunk.control.message.ControlMessage.DeliveryReport;
import io.punktfunk.control.message.ControlMessage.ClockEcho;
import io.punktfunk.control.message.ControlMessage.ClockProbe;
import io.punktfunk.control.message.ControlMessage.Close;
import io.punktfunk.control.message.ControlMessage.FecChanged;
import io.punktfunk.control.message.ControlMessage.InputEdge;
import io.punktfunk.control.message.ControlMessage.InvalidateRefs;
import io.punktfunk.control.message.ControlMessage.Keepalive;
import io.punktfunk.control.message.ControlMessage.LossReport;
import io.punktfunk.control.message.ControlMessage.PairChallenge;
import io.punktfunk.control.message.ControlMessage.PairProof;
import io.punktfunk.control.message.ControlMessage.PairRequest;
import io.punktfunk.control.message.ControlMessage.PairResult;
import io.punktfunk.control.message.ControlMessage.ProbeRequest;
import io.punktfunk.control.message.ControlMessage.ProbeResult;
import io.punktfunk.control.message.ControlMessage.Refused;
import io.punktfunk.control.message.ControlMessage.RequestKeyframe;
import io.punktfunk.control.message.ControlMessage.SetBitrate;

/**
 * Encodes and decodes typed control messages. A frame payload is {@code "PKFc" ‖ type u8 ‖ body};
 * bodies are fixed layouts (strict: trailing bytes are malformed) except the length-prefixed strings
 * and SPAKE2 shares. Unknown types decode to {@code null} so newer peers can add messages.
 */
public final class ControlMessageCodec {
    /** Magic of typed messages. */
    public static final int TYPED_MAGIC = 0x63464B50; // "PKFc" read as u32 LE
    /** Magic of handshake messages (Hello, Welcome, Start). */
    public static final int HANDSHAKE_MAGIC = 0x31464B50; // "PKF1" read as u32 LE
    /** Bytes before the body: magic + type. */
    public static final int TYPED_HEADER_BYTES = 5;
    /** Longest reason string in Refused/Close. */
    public static final int MAX_REASON_BYTES = 256;
    /** Longest client name. */
    public static final int MAX_NAME_BYTES = 64;
    /** SEC1 uncompressed P-256 point. */
    public static final int SHARE_BYTES = 65;
    /** HMAC-SHA256 key confirmation. */
    public static final int CONFIRM_BYTES = 32;

    private ControlMessageCodec() {
    }

    /** The first four bytes of a payload as a u32 LE magic, without consuming them (0 when shorter). */
    public static int peekMagic(ByteBuf payload) {
        return payload.readableBytes() >= 4 ? payload.getIntLE(payload.readerIndex()) : 0;
    }

    /** Appends {@code "PKFc" ‖ type ‖ body}. */
    public static void encode(ControlMessage m, ByteBuf out) {
        out.writeIntLE(TYPED_MAGIC).writeByte(m.type());
        switch (m) {
            case PairRequest r -> {
                WireFields.writeString8(out, r.name(), MAX_NAME_BYTES);
                out.writeShortLE(r.share().length).writeBytes(r.share());
            }
            case PairChallenge c -> out.writeShortLE(c.share().length).writeBytes(c.share());
            case PairProof p -> out.writeBytes(p.confirmation());
            case PairResult r -> out.writeByte(r.ok() ? 1 : 0).writeBytes(r.confirmation());
            case Refused r -> {
                out.writeIntLE(r.code());
                WireFields.writeString16(out, r.reason(), MAX_REASON_BYTES);
            }
            case Keepalive k -> { }
            case Close c -> {
                out.writeIntLE(c.code());
                WireFields.writeString16(out, c.reason(), MAX_REASON_BYTES);
            }
            case SetBitrate s -> out.writeIntLE(s.kbps());
            case BitrateChanged b -> out.writeIntLE(b.kbps()).writeByte(b.reason());
            case ProbeRequest p -> out.writeIntLE(p.targetKbps()).writeIntLE(p.durationMs());
            case ProbeResult p -> out.writeLongLE(p.bytesSent()).writeLongLE(p.packetsSent()).writeIntLE(p.durationMs())
                    .writeLongLE(p.wirePacketsSent()).writeLongLE(p.sendDropped());
            case DeliveryReport d -> out.writeIntLE(d.window()).writeIntLE(d.intervalUs()).writeLongLE(d.wireBytes())
                    .writeIntLE(d.framesLost()).writeIntLE(d.queueDelayUs()).writeIntLE(d.linkKbps());
            case LossReport l -> out.writeIntLE(l.window()).writeIntLE(l.lossPpm()).writeLongLE(l.packetsReceived());
            case ControlMessage.ReceiverStats r -> out.writeIntLE(r.window()).writeLongLE(r.fecRebuiltShards())
                    .writeIntLE(r.latencyP50Us()).writeIntLE(r.latencyP99Us());
            case FecChanged f -> out.writeByte(f.percent());
            case InvalidateRefs i -> out.writeIntLE(i.firstFrame()).writeIntLE(i.lastFrame());
            case RequestKeyframe k -> { }
            case ClockProbe p -> out.writeLongLE(p.t1Ns());
            case ClockEcho e -> out.writeLongLE(e.t1Ns()).writeLongLE(e.t2Ns()).writeLongLE(e.t3Ns());
            case InputEdge e -> e.event().encode(out);
        }
    }

    /**
     * Decodes one typed payload (consumes it). Returns {@code null} for a well-formed frame of an
     * unknown type; throws for a bad magic, a truncated or over-long body, or out-of-range values.
     */
    public static ControlMessage decode(ByteBuf in) throws ControlProtocolException {
        WireFields.need(in, TYPED_HEADER_BYTES, "control message header");
        int magic = in.readIntLE();
        if (magic != TYPED_MAGIC) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, String.format("bad message magic 0x%08x", magic));
        }
        int type = in.readUnsignedByte();
        ControlMessage m = switch (type) {
            case ControlMessage.PAIR_REQUEST -> new PairRequest(
                    WireFields.readString8(in, MAX_NAME_BYTES, "client name"),
                    WireFields.readBytes16(in, SHARE_BYTES, "SPAKE2 share"));
            case ControlMessage.PAIR_CHALLENGE -> new PairChallenge(WireFields.readBytes16(in, SHARE_BYTES, "SPAKE2 share"));
            case ControlMessage.PAIR_PROOF -> new PairProof(WireFields.readFixed(in, CONFIRM_BYTES, "confirmation"));
            case ControlMessage.PAIR_RESULT -> {
                WireFields.need(in, 1, "pair result");
                int ok = in.readUnsignedByte();
                if (ok > 1) {
                    throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "pair result flag " + ok);
                }
                yield new PairResult(ok == 1, WireFields.readFixed(in, CONFIRM_BYTES, "confirmation"));
            }
            case ControlMessage.REFUSED -> {
                WireFields.need(in, 4, "refusal code");
                yield new Refused(in.readIntLE(), WireFields.readString16(in, MAX_REASON_BYTES, "refusal reason"));
            }
            case ControlMessage.KEEPALIVE -> new Keepalive();
            case ControlMessage.CLOSE -> {
                WireFields.need(in, 4, "close code");
                yield new Close(in.readIntLE(), WireFields.readString16(in, MAX_REASON_BYTES, "close reason"));
            }
            case ControlMessage.SET_BITRATE -> {
                WireFields.need(in, 4, "set bitrate");
                yield new SetBitrate(nonNegative(in.readIntLE(), "bitrate"));
            }
            case ControlMessage.BITRATE_CHANGED -> {
                WireFields.need(in, 5, "bitrate changed");
                yield new BitrateChanged(nonNegative(in.readIntLE(), "bitrate"), in.readUnsignedByte());
            }
            case ControlMessage.PROBE_REQUEST -> {
                WireFields.need(in, 8, "probe request");
                yield new ProbeRequest(nonNegative(in.readIntLE(), "probe rate"), nonNegative(in.readIntLE(), "probe duration"));
            }
            case ControlMessage.PROBE_RESULT -> {
                WireFields.need(in, 36, "probe result");
                yield new ProbeResult(in.readLongLE(), in.readLongLE(), in.readIntLE(), in.readLongLE(), in.readLongLE());
            }
            case ControlMessage.DELIVERY_REPORT -> {
                WireFields.need(in, 28, "delivery report");
                int window = in.readIntLE();
                int interval = nonNegative(in.readIntLE(), "report interval");
                long bytes = in.readLongLE();
                if (bytes < 0) {
                    throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "delivered bytes < 0");
                }
                yield new DeliveryReport(window, interval, bytes, nonNegative(in.readIntLE(), "frames lost"),
                        in.readIntLE(), nonNegative(in.readIntLE(), "link rate"));
            }
            case ControlMessage.RECEIVER_STATS -> {
                WireFields.need(in, 20, "receiver stats");
                int window = in.readIntLE();
                long rebuilt = in.readLongLE();
                if (rebuilt < 0) {
                    throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "rebuilt shards < 0");
                }
                int p50 = in.readIntLE();
                int p99 = in.readIntLE();
                if (p50 < -1 || p99 < -1) {
                    throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "latency " + p50 + "/" + p99
                            + " µs (-1 is 'not measured')");
                }
                yield new ControlMessage.ReceiverStats(window, rebuilt, p50, p99);
            }
            case ControlMessage.LOSS_REPORT -> {
                WireFields.need(in, 16, "loss report");
                int window = in.readIntLE();
                int ppm = in.readIntLE();
                if (ppm < 0 || ppm > 1_000_000) {
                    throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "loss " + Integer.toUnsignedString(ppm) + " ppm > 1e6");
                }
                yield new LossReport(window, ppm, in.readLongLE());
            }
            case ControlMessage.FEC_CHANGED -> {
                WireFields.need(in, 1, "fec changed");
                int pct = in.readUnsignedByte();
                if (pct > 90) {
                    throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "fec " + pct + "% > 90%");
                }
                yield new FecChanged(pct);
            }
            case ControlMessage.INVALIDATE_REFS -> {
                WireFields.need(in, 8, "reference invalidation");
                yield new InvalidateRefs(in.readIntLE(), in.readIntLE());
            }
            case ControlMessage.REQUEST_KEYFRAME -> new RequestKeyframe();
            case ControlMessage.CLOCK_PROBE -> {
                WireFields.need(in, 8, "clock probe");
                yield new ClockProbe(in.readLongLE());
            }
            case ControlMessage.CLOCK_ECHO -> {
                WireFields.need(in, 24, "clock echo");
                yield new ClockEcho(in.readLongLE(), in.readLongLE(), in.readLongLE());
            }
            case ControlMessage.INPUT_EDGE -> {
                WireFields.need(in, InputEvent.BYTES, "input edge");
                yield new InputEdge(InputEvent.decode(in.readSlice(InputEvent.BYTES)));
            }
            default -> null;
        };
        if (m == null) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        WireFields.end(in, String.format("message 0x%02x", type));
        return m;
    }

    private static int nonNegative(int v, String what) throws ControlProtocolException {
        if (v < 0) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, what + " " + Integer.toUnsignedString(v) + " out of range");
        }
        return v;
    }
}
