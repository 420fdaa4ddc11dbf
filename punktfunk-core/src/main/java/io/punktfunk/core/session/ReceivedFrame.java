package io.punktfunk.core.session;

import io.punktfunk.core.frame.ReassembledFrame;
import java.lang.foreign.MemorySegment;

/**
 * A frame {@link ClientMediaSession#pollFrame} delivered: bytes, header fields and when it completed.
 * The object and its buffer belong to the session's receive queue and are reused: they are valid
 * until the next {@code pollFrame} call (which hands the slot back), so copy out what must live longer.
 */
public final class ReceivedFrame {
    final ReassembledFrame frame = new ReassembledFrame();
    long receivedNs;

    /** The buffer; bytes {@code [0, length())} are the frame. */
    public byte[] array() {
        return frame.array();
    }

    /** The frame's bytes as a segment of exactly {@link #length()} bytes. */
    public MemorySegment segment() {
        return frame.segment();
    }

    public int length() {
        return frame.length();
    }

    public int frameIndex() {
        return frame.frameIndex();
    }

    public long ptsNs() {
        return frame.ptsNs();
    }

    public int userFlags() {
        return frame.userFlags();
    }

    /** Whether the host marked it {@link UserFlags#KEYFRAME}. */
    public boolean keyframe() {
        return (frame.userFlags() & UserFlags.KEYFRAME) != 0;
    }

    /** {@link System#nanoTime()} when the last needed datagram completed the frame. */
    public long receivedNs() {
        return receivedNs;
    }
}
