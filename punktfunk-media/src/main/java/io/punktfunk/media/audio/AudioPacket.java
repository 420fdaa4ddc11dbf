package io.punktfunk.media.audio;

import java.util.Arrays;

/**
 * One encoded audio frame. The encoder refills one instance per frame (the array grows only when
 * a packet does not fit), so {@link #data()} is valid until the next encode.
 */
public final class AudioPacket {

    private byte[] data = new byte[1500];
    private int length;
    private long sequence;
    private long captureNs;

    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    /** Running frame number from the encoder, from 0; the jitter buffer orders by it. */
    public long sequence() {
        return sequence;
    }

    public long captureNs() {
        return captureNs;
    }

    /** Makes room for {@code length} bytes, sets the metadata, and returns the array to fill. */
    public byte[] prepare(int length, long sequence, long captureNs) {
        if (data.length < length) {
            data = new byte[Math.max(length, data.length * 2)];
        }
        this.length = length;
        this.sequence = sequence;
        this.captureNs = captureNs;
        return data;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(data, length);
    }
}
