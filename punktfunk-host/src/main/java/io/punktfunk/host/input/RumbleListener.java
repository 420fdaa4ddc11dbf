package io.punktfunk.host.input;

/**
 * Receives force feedback that a game played on a virtual pad: the motor levels now in force.
 * Called on the force-feedback thread; must not block. {@code low = high = 0} means stop.
 */
@FunctionalInterface
public interface RumbleListener {
    /** A listener that drops everything. */
    RumbleListener NONE = (pad, low, high) -> { };

    /**
     * @param pad  pad index 0..15, as the client numbered it
     * @param low  low-frequency (strong, left) motor 0..65535
     * @param high high-frequency (weak, right) motor 0..65535
     */
    void onRumble(int pad, int low, int high);
}
