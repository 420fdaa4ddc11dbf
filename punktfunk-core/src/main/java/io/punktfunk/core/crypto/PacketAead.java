package io.punktfunk.core.crypto;

/**
 * AES-128-GCM over one key, in place, with a 12-byte nonce and a 16-byte tag right after the
 * text: the per-packet seal and open of the media data plane. {@link PacketAeads#create} picks the
 * implementation. Implementations are not thread-safe.
 */
public interface PacketAead {
    /** Tag bytes written after the ciphertext. */
    int TAG_BYTES = 16;

    /** Nonce bytes. */
    int NONCE_BYTES = 12;

    /**
     * Encrypts {@code buf[textOff, textOff + textLen)} in place and writes the tag to
     * {@code buf[textOff + textLen, + 16)}; {@code buf[aadOff, aadOff + aadLen)} is authenticated
     * too. The AAD must not overlap the text or the tag. A nonce must never repeat under one key.
     */
    void seal(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int textLen);

    /**
     * Verifies and decrypts {@code buf[textOff, textOff + sealedLen)} (ciphertext ‖ tag) in place.
     * On success the first {@code sealedLen - 16} bytes are plaintext and the tag bytes are left as
     * they were; on failure — a wrong tag, too short or out-of-bounds input — nothing in
     * {@code buf} changes. Never throws for bad input.
     *
     * @return whether the tag verified
     */
    boolean open(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int sealedLen);
}
