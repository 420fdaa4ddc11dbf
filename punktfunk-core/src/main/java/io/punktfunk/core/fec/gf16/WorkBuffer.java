package io.punktfunk.core.fec.gf16;

/** A coder's pooled work area: grows to the largest block seen, then is reused by every call. */
final class WorkBuffer {
    private byte[] bytes = new byte[0];

    /** A buffer of at least {@code size} bytes; contents are whatever the last call left. */
    byte[] atLeast(int size) {
        if (bytes.length < size) {
            bytes = new byte[size];
        }
        return bytes;
    }
}
