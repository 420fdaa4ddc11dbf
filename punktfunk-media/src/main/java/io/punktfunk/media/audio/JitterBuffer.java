package io.punktfunk.media.audio;

import java.util.Arrays;

/**
 * Reorders decoded 10 ms frames by sequence number and releases them at the playback clock with
 * a small fixed depth. Playback begins at the lowest sequence seen before the first release, and
 * starts (and restarts after running dry) once {@code targetDepth} frames are queued. A frame
 * still missing when its turn comes is concealed so the rest keeps its timing: the last played
 * frame repeats at half level, halving again for each further missing frame (a single lost frame
 * is far less audible as a soft repeat than as a 10 ms hole). Late and duplicate frames are
 * dropped and counted; a frame too far ahead (a long gap, or a sender restart) flushes and
 * re-anchors the buffer.
 *
 * <p>All storage is allocated up front. Not thread-safe: use it from one thread (or guard it).
 */
public final class JitterBuffer {

    /** What {@link #poll(short[])} put into the frame. */
    public enum Outcome {
        /** The next frame in sequence. */
        PLAYED,
        /** A faded repeat of the last frame, in place of one that has not arrived while later ones have. */
        CONCEALED,
        /** Silence while the buffer fills to its target depth. */
        BUFFERING
    }

    private final short[][] slots;
    /** The last frame released, faded further with each concealment. */
    private final short[] concealment = new short[PcmFormat.SAMPLES_PER_FRAME];
    private final long[] slotSequence;
    private final int targetDepth;
    private boolean anchored;
    private boolean playing;
    /** Whether any frame (played or concealed) has left since the anchor; then earlier ones are late. */
    private boolean released;
    private long nextSequence;
    private long highestSequence;
    private long late;
    private long duplicates;
    private long concealed;
    private long underruns;
    private long resets;

    /**
     * @param capacity    frames held at most (bounds memory and how far ahead a frame may be)
     * @param targetDepth frames queued before playback starts: 2–3 (20–30 ms) covers LAN jitter
     */
    public JitterBuffer(int capacity, int targetDepth) {
        if (targetDepth < 1 || capacity < targetDepth) {
            throw new IllegalArgumentException("need 1 <= targetDepth <= capacity: " + targetDepth + ", " + capacity);
        }
        this.slots = new short[capacity][PcmFormat.SAMPLES_PER_FRAME];
        this.slotSequence = new long[capacity];
        this.targetDepth = targetDepth;
        Arrays.fill(slotSequence, -1);
    }

    /**
     * Queues a copy of {@code frame}.
     *
     * @return false if the frame was dropped (late or duplicate)
     */
    public boolean offer(long sequence, short[] frame) {
        if (sequence < 0) {
            late++;
            return false;
        }
        if (!anchored) {
            anchor(sequence);
        } else if (sequence < nextSequence) {
            if (released || highestSequence - sequence >= slots.length) {
                late++;
                return false;
            }
            nextSequence = sequence; // nothing released yet: a frame overtaken in flight moves the start back
        } else if (sequence >= nextSequence + slots.length) {
            resets++;
            clear();
            anchor(sequence);
        }
        int slot = (int) (sequence % slots.length);
        if (slotSequence[slot] == sequence) {
            duplicates++;
            return false;
        }
        System.arraycopy(frame, 0, slots[slot], 0, PcmFormat.SAMPLES_PER_FRAME);
        slotSequence[slot] = sequence;
        highestSequence = Math.max(highestSequence, sequence);
        return true;
    }

    private void anchor(long sequence) {
        anchored = true;
        playing = false;
        released = false;
        nextSequence = sequence;
        highestSequence = sequence;
    }

    private void clear() {
        Arrays.fill(slotSequence, -1);
    }

    /** Fills {@code out} with the frame due now (or silence) and says which. */
    public Outcome poll(short[] out) {
        if (!playing) {
            if (!anchored || highestSequence - nextSequence + 1 < targetDepth) {
                Arrays.fill(out, (short) 0);
                return Outcome.BUFFERING;
            }
            playing = true;
        }
        int slot = (int) (nextSequence % slots.length);
        if (slotSequence[slot] == nextSequence) {
            System.arraycopy(slots[slot], 0, out, 0, PcmFormat.SAMPLES_PER_FRAME);
            System.arraycopy(out, 0, concealment, 0, PcmFormat.SAMPLES_PER_FRAME);
            slotSequence[slot] = -1;
            nextSequence++;
            released = true;
            return Outcome.PLAYED;
        }
        if (highestSequence < nextSequence) {
            Arrays.fill(out, (short) 0);
            Arrays.fill(concealment, (short) 0);
            underruns++;
            playing = false; // ran dry: refill to the target depth before playing on
            return Outcome.BUFFERING;
        }
        for (int i = 0; i < PcmFormat.SAMPLES_PER_FRAME; i++) {
            concealment[i] = (short) (concealment[i] >> 1);
        }
        System.arraycopy(concealment, 0, out, 0, PcmFormat.SAMPLES_PER_FRAME);
        concealed++;
        nextSequence++;
        released = true;
        return Outcome.CONCEALED;
    }

    /** Frames queued and not yet played (gaps included). */
    public int depth() {
        return anchored ? (int) Math.max(0, highestSequence - nextSequence + 1) : 0;
    }

    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    public long concealed() {
        return concealed;
    }

    public long underruns() {
        return underruns;
    }

    /** Times a frame too far ahead flushed the buffer. */
    public long resets() {
        return resets;
    }
}
