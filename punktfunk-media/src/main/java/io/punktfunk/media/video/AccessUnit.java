package io.punktfunk.media.video;

import java.util.Arrays;

/**
 * One encoded picture (an H.264/HEVC/AV1 access unit with its parameter sets when it is a
 * keyframe). The encoder refills one instance per frame; the byte array grows when a frame does
 * not fit and is otherwise reused, so {@link #data()} is valid only until the next encode.
 */
public final class AccessUnit {

    private byte[] data;
    private int length;
    private long frameIndex;
    private long captureNs;
    private boolean keyframe;

    public AccessUnit() {
        this(256 * 1024);
    }

    public AccessUnit(int initialCapacity) {
        this.data = new byte[initialCapacity];
    }

    /** The bytes, valid in {@code [0, length())}. */
    public byte[] data() {
        return data;
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
        if (data.length < length) {
            data = new byte[Math.max(length, data.length + data.length / 2)];
        }
        this.length = length;
        this.frameIndex = frameIndex;
        this.captureNs = captureNs;
        this.keyframe = keyframe;
        return data;
    }

    /** An exact-size copy of the bytes, for callers that keep units beyond the next encode. */
    public byte[] toByteArray() {
        return Arrays.copyOf(data, length);
    }

    @Override
    public String toString() {
        return "AccessUnit[#" + frameIndex + (keyframe ? " key" : "") + " " + length + " B]";
    }
}
