package io.punktfunk.media.audio;

/** Plays 10 ms PCM frames in order; blocks when the device's buffer is full. Not thread-safe. */
public interface AudioPlayer extends AutoCloseable {

    void play(short[] frame);

    /** Whether frames reach a device (false when none could be opened and frames are dropped). */
    boolean hasDevice();

    @Override
    void close();
}
