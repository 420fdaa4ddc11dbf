package io.punktfunk.control.input;

/** Wrapping 8-bit sequence numbers (reference §2.7: "wrapping i8 compare"). */
public final class Seq8 {
    private Seq8() {
    }

    /** True when {@code seq} is ahead of {@code last} by 1..127 steps mod 256. */
    public static boolean newer(int seq, int last) {
        return (byte) (seq - last) > 0;
    }
}
