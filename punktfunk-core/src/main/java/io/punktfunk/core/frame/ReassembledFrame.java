package io.punktfunk.core.frame;

import java.lang.foreign.MemorySegment;

/**
 * A delivered frame, written by {@link Reassembler#poll}: the access unit's bytes (exactly
 * frame bytes, padding cut) in a buffer reused across polls, plus the header fields a decoder
 * and the recovery logic need. The buffer grows only for a bigger frame than ever before.
 */
public final class ReassembledFrame {
    private byte[] bytes = new byte[0];
    private MemorySegment segment = MemorySegment.ofArray(bytes);
    private int length;
    private int frameIndex;
    private long ptsNs;
    private int userFlags;

    void reset(int length, int frameIndex, long ptsNs, int userFlags) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length + (bytes.length >> 1))];
            segment = MemorySegment.ofArray(bytes);
        }
        this.length = length;
        this.frameIndex = frameIndex;
        this.ptsNs = ptsNs;
        this.userFlags = userFlags;
    }

    /** The buffer; bytes {@code [0, length())} are the frame. Valid until the next poll into this object. */
    public byte[] array() {
        return bytes;
    }

    /** The frame's bytes as a segment of exactly {@link #length()} bytes. */
    public MemorySegment segment() {
        return segment.asSlice(0, length);
    }

    /** Frame length in bytes. */
    public int length() {
        return length;
    }

    public int frameIndex() {
        return frameIndex;
    }

    public long ptsNs() {
        return ptsNs;
    }

    public int userFlags() {
        return userFlags;
    }
}
