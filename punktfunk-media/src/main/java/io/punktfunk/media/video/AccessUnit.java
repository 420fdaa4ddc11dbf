package io.punktfunk.media.video;

import io.punktfunk.media.ffmpeg.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One encoded picture (an H.264/HEVC/AV1 access unit with its parameter sets when it is a
 * keyframe). The encoder refills one instance per frame; the byte array grows when a frame does
 * not fit and is otherwise reused, so {@link #data()} is valid only until the next encode.
 *
 * <p>An encoder that owns native packet memory may instead {@link #wrap} it: the unit then points at
 * the encoder's bytes while its sink runs, {@link #segment()}/{@link #offset()} read them where they
 * are (the punktfunk/1 host copies them straight into its send queue: one copy fewer), and
 * {@link #data()} copies them out only when someone asks for an array.
 */
public final class AccessUnit {

    private byte[] data;
    private int length;
    private long frameIndex;
    private long captureNs;
    private boolean keyframe;
    /** Native address of the encoder's own bytes while wrapped, else 0. */
    private long wrapped;
    /** Whether {@link #data} holds the wrapped bytes already. */
    private boolean copied;
    private MemorySegment heap;
    private byte[] heapOf;

    public AccessUnit() {
        this(256 * 1024);
    }

    public AccessUnit(int initialCapacity) {
        this.data = new byte[initialCapacity];
    }

    /** The bytes, valid in {@code [0, length())} (a wrapped unit's bytes are copied here on the first call). */
    public byte[] data() {
        if (wrapped != 0 && !copied) {
            ensure(length);
            NativeMemory.copyToArray(wrapped, data, length);
            copied = true;
        }
        return data;
    }

    /** The segment holding the bytes at {@link #offset()}: the encoder's own memory while wrapped, else {@link #data()}. */
    public MemorySegment segment() {
        if (wrapped != 0) {
            return NativeMemory.ALL;
        }
        if (heapOf != data) {
            heap = MemorySegment.ofArray(data);
            heapOf = data;
        }
        return heap;
    }

    /** Where in {@link #segment()} the bytes start. */
    public long offset() {
        return wrapped;
    }

    public int length() {
        return length;
    }

    /** The encoder's running index of this frame, from 0 (the presentation timestamp in frame units). */
    public long frameIndex() {
        return frameIndex;
    }

    /** The capture timestamp (ns) of the picture this unit encodes. */
    public long captureNs() {
        return captureNs;
    }

    /** Whether this unit is an IDR: decodable without any earlier unit. */
    public boolean keyframe() {
        return keyframe;
    }

    /**
     * Makes room for {@code length} bytes and sets the metadata; the caller then writes
     * {@code data()[0, length)}.
     */
    public byte[] prepare(int length, long frameIndex, long captureNs, boolean keyframe) {
        ensure(length);
        wrapped = 0;
        this.length = length;
        this.frameIndex = frameIndex;
        this.captureNs = captureNs;
        this.keyframe = keyframe;
        return data;
    }

    /**
     * Points the unit at {@code length} bytes of native memory at {@code address}, owned by the
     * encoder and valid until {@link #unwrap}, which the encoder calls once its sink returned.
     */
    public void wrap(long address, int length, long frameIndex, long captureNs, boolean keyframe) {
        if (address == 0) {
            if (length != 0) {
                throw new IllegalArgumentException("null packet address for " + length + " bytes");
            }
            prepare(0, frameIndex, captureNs, keyframe); // an empty packet has no buffer
            return;
        }
        this.wrapped = address;
        this.copied = false;
        this.length = length;
        this.frameIndex = frameIndex;
        this.captureNs = captureNs;
        this.keyframe = keyframe;
    }

    /** The wrapped bytes are about to be freed: a unit read after this is empty, never a dangling pointer. */
    public void unwrap() {
        if (wrapped != 0) {
            wrapped = 0;
            if (!copied) {
                length = 0;
            }
        }
    }

    private void ensure(int length) {
        if (data.length < length) {
            data = new byte[Math.max(length, data.length + data.length / 2)];
        }
    }

    /** An exact-size copy of the bytes, for callers that keep units beyond the next encode. */
    public byte[] toByteArray() {
        return Arrays.copyOf(data(), length);
    }

    @Override
    public String toString() {
        return "AccessUnit[#" + frameIndex + (keyframe ? " key" : "") + " " + length + " B]";
    }
}
