package io.punktfunk.host.gamestream.audio;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * GameStream audio encryption (gamestream.md §7): each Opus payload becomes AES-128-CBC under the
 * launch's {@code rikey} with PKCS#7 padding, IV = BE32({@code rikeyid} + RTP sequence) followed by
 * 12 zero bytes. CBC is chained here over a single-block AES (ECB) {@link Cipher} initialised once,
 * because the JCA's CBC would need a new IV object and an {@code init} per packet. One thread.
 */
final class AudioEncryption {
    private static final int BLOCK = 16;
    private final Cipher aes;
    private final int rikeyId;
    private final byte[] chain = new byte[BLOCK];
    private final byte[] block = new byte[BLOCK];

    /**
     * @param rikeyId the launch's {@code rikeyid} (a signed decimal on the URL; only its 32 bits matter)
     */
    AudioEncryption(byte[] rikey, int rikeyId) {
        if (rikey == null || rikey.length != 16) {
            throw new IllegalArgumentException("audio encryption needs a 16-byte AES key");
        }
        try {
            this.aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rikey, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is unavailable", e);
        }
        this.rikeyId = rikeyId;
    }

    /** Ciphertext length for {@code plainLength} bytes: PKCS#7 always adds 1..16 bytes. */
    static int sealedLength(int plainLength) {
        return (plainLength / BLOCK + 1) * BLOCK;
    }

    /**
     * Encrypts {@code in[inOff, + len)} for packet {@code sequence} into {@code out[outOff, + sealedLength(len))}.
     * {@code in} and {@code out} must not overlap.
     *
     * @return the ciphertext length
     */
    int seal(byte[] in, int inOff, int len, int sequence, byte[] out, int outOff) {
        int iv = rikeyId + sequence;
        java.util.Arrays.fill(chain, (byte) 0);
        chain[0] = (byte) (iv >>> 24);
        chain[1] = (byte) (iv >>> 16);
        chain[2] = (byte) (iv >>> 8);
        chain[3] = (byte) iv;
        int total = sealedLength(len);
        int pad = total - len;
        try {
            for (int b = 0; b < total; b += BLOCK) {
                for (int i = 0; i < BLOCK; i++) {
                    int p = b + i < len ? in[inOff + b + i] : pad;
                    chain[i] ^= (byte) p;
                }
                aes.update(chain, 0, BLOCK, block, 0); // separate arrays: in place, the JCA copies the input
                System.arraycopy(block, 0, chain, 0, BLOCK);
                System.arraycopy(block, 0, out, outOff + b, BLOCK);
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // 16 bytes into 16 bytes: cannot happen
        }
        return total;
    }
}
