package io.punktfunk.client.stream;

/**
 * The one integrity check a client that does not decode can make of an H.264/HEVC access unit
 * beyond the data plane's (every datagram authenticated, every frame reassembled to its length):
 * the encoder's output is Annex B, so a whole access unit starts with a start code.
 */
final class AnnexB {
    private AnnexB() {
    }

    /** Whether {@code b[0..len)} starts with {@code 00 00 01} or {@code 00 00 00 01}. */
    static boolean startsWithStartCode(byte[] b, int len) {
        if (len >= 3 && b[0] == 0 && b[1] == 0 && b[2] == 1) {
            return true;
        }
        return len >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 1;
    }
}
