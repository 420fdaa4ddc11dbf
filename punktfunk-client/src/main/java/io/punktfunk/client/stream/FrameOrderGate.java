package io.punktfunk.client.stream;

/**
 * Keeps frames older than the last one fed to the decoder away from it. The data plane hands
 * frames over in completion order, so frame N can arrive after N+1 (its last shard was late, or
 * FEC finished it later); decoding it then would corrupt the references of everything after it.
 * Such a frame is dropped and counted, and since the frames already decoded after it needed it as
 * a reference, the caller asks for recovery. Indices are u32 and wrap: "newer" is the forward half
 * of the index space (docs/wire-format.md). Not thread-safe: the decode thread owns it.
 */
final class FrameOrderGate {
    private boolean any;
    private int lastFed;
    private long stale;
    private long missing;

    /**
     * Whether {@code index} may go to the decoder. True: it is newer than every frame fed so far
     * (indices skipped on the way are counted as missing). False: it is stale, counted, not to be fed.
     */
    boolean admit(int index) {
        if (any) {
            int ahead = index - lastFed; // wrapping distance, signed
            if (ahead <= 0) {
                stale++;
                return false;
            }
            missing += ahead - 1;
        }
        any = true;
        lastFed = index;
        return true;
    }

    /** Frames dropped because a newer one was already fed. */
    long stale() {
        return stale;
    }

    /** Indices skipped between frames fed (lost, or late and then dropped as stale). */
    long missing() {
        return missing;
    }
}
