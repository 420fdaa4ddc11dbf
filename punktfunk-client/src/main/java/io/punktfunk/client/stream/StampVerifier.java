package io.punktfunk.client.stream;

import io.punktfunk.media.source.SyntheticStamp;
import io.punktfunk.media.video.Picture;
import java.util.Optional;

/**
 * Headless check of a synthetic stream: reads the {@link SyntheticStamp} of every decoded I420
 * picture and verifies that frame counters strictly increase with none missing. A picture whose
 * stamp does not read (concealed damage after a loss, or a non-synthetic source) is counted, not
 * judged. Decode thread only.
 */
final class StampVerifier {
    private long lastCounter = -1;
    private long stampsRead;
    private long unreadable;
    private long missing;
    private long regressions;

    /**
     * Reads the stamp of {@code i420}.
     *
     * @return the stamp's capture time (host {@code System.nanoTime}), or -1 if it did not read
     */
    long check(Picture i420) {
        Optional<SyntheticStamp> s = SyntheticStamp.read(i420);
        // An all-black band decodes as counter 0, time 0, and its check (a finaliser of 0) is 0 too: that
        // is a black screen (an idle X11 display), not a stamp. A real stamp's time is CLOCK_MONOTONIC, never 0.
        if (s.isEmpty() || (s.get().counter() == 0 && s.get().captureNs() == 0)) {
            unreadable++;
            return -1;
        }
        long counter = s.get().counter();
        if (lastCounter >= 0) {
            if (counter <= lastCounter) {
                regressions++;
            } else {
                missing += counter - lastCounter - 1;
            }
        }
        lastCounter = Math.max(lastCounter, counter);
        stampsRead++;
        return s.get().captureNs();
    }

    long stampsRead() {
        return stampsRead;
    }

    /** Pictures whose stamp did not read. */
    long unreadable() {
        return unreadable;
    }

    /** Counters skipped between two readable stamps. */
    long missing() {
        return missing;
    }

    /** Stamps whose counter was not above the previous one. */
    long regressions() {
        return regressions;
    }

    long lastCounter() {
        return lastCounter;
    }
}
