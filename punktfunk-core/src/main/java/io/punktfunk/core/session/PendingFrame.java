package io.punktfunk.core.session;

import java.lang.foreign.MemorySegment;

/** A submitted frame waiting in the host's send queue: a reused copy of the encoder's bytes plus its header fields. */
final class PendingFrame {
    private byte[] bytes = new byte[0];
    private MemorySegment segment = MemorySegment.ofArray(bytes);
    int length;
    int frameIndex;
    long ptsNs;
    int userFlags;
    long submitNs;

    /** Copies {@code len} bytes of {@code src} in, growing the buffer only for a bigger frame than ever before. */
    void fill(MemorySegment src, long off, int len) {
        if (bytes.length < len) {
            bytes = new byte[Math.max(len, bytes.length + (bytes.length >> 1))];
            segment = MemorySegment.ofArray(bytes);
        }
        MemorySegment.copy(src, off, segment, 0, len);
        length = len;
    }

    MemorySegment segment() {
        return segment;
    }
}
