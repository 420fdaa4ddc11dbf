package io.punktfunk.control.message;

import io.netty.buffer.ByteBuf;

/**
 * Rumble level of one pad, host → client as a QUIC datagram (reference §2.6), level-triggered: each
 * datagram states the motor speeds now in force, and the client silences the pad by itself when no
 * refresh arrives within {@code ttlMs}. Little-endian:
 *
 * <pre>
 * v1  0xCA ‖ pad u16 ‖ low u16 ‖ high u16                                  7 bytes
 * v2  v1 ‖ seq u8 ‖ ttl_ms u16                                           10 bytes
 * v3  v2 ‖ lt u16 ‖ rt u16   (trigger motors)                            14 bytes
 * </pre>
 *
 * {@code seq} counts per pad (wrapping u8); a datagram not newer than the last one applied is stale.
 * A v1 datagram has neither: it is always applied and held for {@link #DEFAULT_TTL_MS}; a TTL of 0
 * means the same default.
 *
 * @param seq          0..255, or {@link #NO_SEQ} for v1
 * @param leftTrigger  trigger motor, 0 unless v3
 * @param rightTrigger trigger motor, 0 unless v3
 * @param version      1, 2 or 3: the layout to encode
 */
public record Rumble(int pad, int low, int high, int seq, int ttlMs, int leftTrigger, int rightTrigger, int version) {
    /** Datagram tag. */
    public static final int TAG = 0xCA;
    public static final int V1_BYTES = 7;
    public static final int V2_BYTES = 10;
    public static final int V3_BYTES = 14;
    /** {@link #seq} of a v1 datagram. */
    public static final int NO_SEQ = -1;
    /** How long a level holds without a TTL: long enough for a ~60 Hz refresh to miss a few. */
    public static final int DEFAULT_TTL_MS = 500;

    public Rumble {
        if (pad < 0 || pad >= InputEvent.MAX_PADS) {
            throw new IllegalArgumentException("pad " + pad + " outside 0.." + (InputEvent.MAX_PADS - 1));
        }
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("rumble layout version " + version);
        }
        checkU16(low, "low");
        checkU16(high, "high");
        checkU16(ttlMs, "ttl_ms");
        checkU16(leftTrigger, "lt");
        checkU16(rightTrigger, "rt");
        if (version == 1 ? seq != NO_SEQ : seq < 0 || seq > 255) {
            throw new IllegalArgumentException("rumble seq " + seq + " for layout v" + version);
        }
    }

    /** A v2 rumble (the common form: no trigger motors). */
    public static Rumble of(int pad, int low, int high, int seq, int ttlMs) {
        return new Rumble(pad, low, high, seq, ttlMs, 0, 0, 2);
    }

    private static void checkU16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("rumble " + what + " " + v + " outside u16");
        }
    }

    /** True when every motor is off: a stop. */
    public boolean silent() {
        return low == 0 && high == 0 && leftTrigger == 0 && rightTrigger == 0;
    }

    /** The TTL the receiver applies. */
    public int effectiveTtlMs() {
        return version == 1 || ttlMs == 0 ? DEFAULT_TTL_MS : ttlMs;
    }

    /** Encoded size. */
    public int bytes() {
        return switch (version) {
            case 1 -> V1_BYTES;
            case 2 -> V2_BYTES;
            default -> V3_BYTES;
        };
    }

    /** Appends the datagram form of {@link #version} to {@code out}. */
    public void encode(ByteBuf out) {
        encode(out, pad, low, high, seq, ttlMs, leftTrigger, rightTrigger, version);
    }

    /** Allocation-free form of {@link #encode(ByteBuf)} for senders that keep no record. */
    public static void encode(ByteBuf out, int pad, int low, int high, int seq, int ttlMs, int lt, int rt, int version) {
        out.writeByte(TAG).writeShortLE(pad).writeShortLE(low).writeShortLE(high);
        if (version >= 2) {
            out.writeByte(seq).writeShortLE(ttlMs);
        }
        if (version >= 3) {
            out.writeShortLE(lt).writeShortLE(rt);
        }
    }

    /** Decodes a whole datagram whose tag byte is {@link #TAG}. The length picks the layout; any other length is malformed. */
    public static Rumble decode(ByteBuf in) throws ControlProtocolException {
        int n = in.readableBytes();
        int version = switch (n) {
            case V1_BYTES -> 1;
            case V2_BYTES -> 2;
            case V3_BYTES -> 3;
            default -> throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    "rumble datagram is " + n + " bytes, expected 7, 10 or 14");
        };
        int tag = in.readUnsignedByte();
        if (tag != TAG) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, String.format("rumble tag 0x%02x", tag));
        }
        int pad = in.readUnsignedShortLE();
        if (pad >= InputEvent.MAX_PADS) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    "rumble pad " + pad + " outside 0.." + (InputEvent.MAX_PADS - 1));
        }
        int low = in.readUnsignedShortLE();
        int high = in.readUnsignedShortLE();
        int seq = version >= 2 ? in.readUnsignedByte() : NO_SEQ;
        int ttl = version >= 2 ? in.readUnsignedShortLE() : 0;
        int lt = version >= 3 ? in.readUnsignedShortLE() : 0;
        int rt = version >= 3 ? in.readUnsignedShortLE() : 0;
        return new Rumble(pad, low, high, seq, ttl, lt, rt, version);
    }
}
