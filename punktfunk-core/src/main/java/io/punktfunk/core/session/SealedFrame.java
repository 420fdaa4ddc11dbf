package io.punktfunk.core.session;

import io.punktfunk.core.transport.DatagramBatch;

/**
 * Sealed datagrams of one frame, ready for the pacer: the whole frame, or its data part or its
 * parity part when the frame is sent in two (see {@code HostMediaSession}). The hand-off slot between
 * the host's seal stage and its send stage. The batch is native memory owned by the slot, grown
 * only when a frame needs more datagrams than any before it.
 */
final class SealedFrame implements AutoCloseable {
    private static final int INITIAL_DATAGRAMS = 256;

    private final int datagramBytes;
    private DatagramBatch batch;
    /** Bitrate the pacer spreads this frame at (the stream's, or the probe's). */
    long bitrateBps;
    /** A probe frame: paced without the link estimate (it measures the link). */
    boolean probe;

    SealedFrame(int datagramBytes) {
        this.datagramBytes = datagramBytes;
        this.batch = new DatagramBatch(INITIAL_DATAGRAMS, datagramBytes);
    }

    /** The batch, cleared, with room for {@code datagrams}. Seal stage only, while it owns the slot. */
    DatagramBatch reset(int datagrams) {
        if (datagrams > batch.capacity()) {
            // Only for a bigger frame than ever before; the old native slab is freed at once.
            int capacity = Math.max(datagrams, batch.capacity() * 2);
            batch.close();
            batch = new DatagramBatch(capacity, datagramBytes);
        }
        batch.clear();
        return batch;
    }

    /** The batch as last filled. */
    DatagramBatch batch() {
        return batch;
    }

    @Override
    public void close() {
        batch.close();
    }
}
