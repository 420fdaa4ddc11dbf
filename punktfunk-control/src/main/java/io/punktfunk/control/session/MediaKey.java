package io.punktfunk.control.session;

/** AES-128-GCM key and 4-byte nonce salt for one direction; nonce = salt ‖ seq u64 BE (reference §1.10). */
public record MediaKey(byte[] key, byte[] salt) {
    public MediaKey {
        if (key.length != 16 || salt.length != 4) {
            throw new IllegalArgumentException("media key is 16 bytes + 4-byte salt");
        }
        key = key.clone();
        salt = salt.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** Both directions from the Welcome's key and salt: host → client clears salt[0]'s top bit, client → host sets it. */
    public static MediaKey[] directions(byte[] key, byte[] salt) {
        byte[] h2c = salt.clone();
        byte[] c2h = salt.clone();
        h2c[0] &= 0x7F;
        c2h[0] |= (byte) 0x80;
        return new MediaKey[] {new MediaKey(key, h2c), new MediaKey(key, c2h)};
    }

    @Override
    public String toString() {
        return "MediaKey[redacted]";
    }
}
