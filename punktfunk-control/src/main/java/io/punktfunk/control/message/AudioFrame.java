package io.punktfunk.control.message;

import io.netty.buffer.ByteBuf;

/**
 * One Opus frame as a QUIC datagram, host → client: {@code 0xC9 ‖ seq u32 ‖ pts_ns u64 ‖ opus}
 * (reference §2.6). Lossy on purpose: a late audio frame is worth less than none.
 */
public record AudioFrame(int seq, long ptsNs, byte[] opus) {
    /** Datagram tag. */
    public static final int TAG = 0xC9;
    /** Bytes before the Opus payload. */
    public static final int HEADER_BYTES = 13;

    /** Appends the datagram form to {@code out}. */
    public void encode(ByteBuf out) {
        out.writeByte(TAG).writeIntLE(seq).writeLongLE(ptsNs).writeBytes(opus);
    }

    /** Decodes a whole datagram whose tag byte is {@link #TAG}. */
    public static AudioFrame decode(ByteBuf in) throws ControlProtocolException {
        WireFields.need(in, HEADER_BYTES, "audio datagram");
        in.skipBytes(1);
        int seq = in.readIntLE();
        long pts = in.readLongLE();
        byte[] opus = new byte[in.readableBytes()];
        in.readBytes(opus);
        return new AudioFrame(seq, pts, opus);
    }
}
