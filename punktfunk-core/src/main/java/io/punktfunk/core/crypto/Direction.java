package io.punktfunk.core.crypto;

/** Which way a media stream flows; selects the key and the nonce's direction bit. */
public enum Direction {
    /** Host to client: nonce direction bit 0. */
    HOST_TO_CLIENT(0),
    /** Client to host: nonce direction bit 1. */
    CLIENT_TO_HOST(0x80);

    private final int nonceBit;

    Direction(int nonceBit) {
        this.nonceBit = nonceBit;
    }

    /** The bit OR-ed into the top of the nonce's first byte (after clearing it). */
    int nonceBit() {
        return nonceBit;
    }
}
