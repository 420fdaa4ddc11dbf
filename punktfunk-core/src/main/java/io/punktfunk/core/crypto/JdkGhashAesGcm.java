package io.punktfunk.core.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * AES-128-GCM (NIST SP 800-38D, 96-bit nonce, 128-bit tag) that allocates nothing per message,
 * built from the two JDK pieces its own GCM uses, kept across nonces: {@link JdkAesCtr} (the AES-CTR
 * intrinsic) for the keystream and {@link JdkGhash} (the GHASH intrinsic) to authenticate. Output is
 * byte-identical to {@code AES/GCM/NoPadding}.
 *
 * <p>Per message the counter restarts at J0 = nonce ‖ 00000001: its first block of keystream,
 * E(K, J0), masks the tag, and the text continues at nonce ‖ 00000002. Open hashes the ciphertext
 * and compares tags (XOR-accumulated, no early exit) before it decrypts anything, so a refused
 * message leaves the buffer as it was.
 */
final class JdkGhashAesGcm implements PacketAead {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int BLOCK = 16;
    /** AAD up to this long is hashed from the scratch in one call (the media header is 44 bytes). */
    private static final int SCRATCH = 64;
    private static final byte[] ZERO_BLOCK = new byte[BLOCK];

    private final JdkAesCtr ctr;
    private final JdkGhash ghash;
    /** Zero-padded AAD, or a partial last text block plus the length block, for GHASH. */
    private final byte[] scratch = new byte[SCRATCH];
    /** E(K, J0) of the message in progress. */
    private final byte[] tagMask = new byte[BLOCK];

    JdkGhashAesGcm(byte[] key) {
        ctr = new JdkAesCtr(key);
        byte[] h = new byte[BLOCK];
        ctr.crypt(ZERO_BLOCK, 0, BLOCK, h, 0); // counter block 0^128: H = E(K, 0^128)
        ghash = new JdkGhash(h); // copies H into its own table
        Arrays.fill(h, (byte) 0);
    }

    @Override
    public void seal(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int textLen) {
        Objects.checkFromIndexSize(aadOff, aadLen, buf.length);
        Objects.checkFromIndexSize(textOff, textLen, buf.length - TAG_BYTES);
        start(nonce);
        ctr.crypt(buf, textOff, textLen, buf, textOff);
        hash(buf, aadOff, aadLen, textOff, textLen);
        int tagOff = textOff + textLen;
        LONG_BE.set(buf, tagOff, ghash.high() ^ (long) LONG_BE.get(tagMask, 0));
        LONG_BE.set(buf, tagOff + 8, ghash.low() ^ (long) LONG_BE.get(tagMask, 8));
    }

    @Override
    public boolean open(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int sealedLen) {
        if (nonce.length != NONCE_BYTES || sealedLen < TAG_BYTES || aadLen < 0 || aadOff < 0 || textOff < 0
                || aadOff > buf.length - aadLen || textOff > buf.length - sealedLen) {
            return false;
        }
        int textLen = sealedLen - TAG_BYTES;
        start(nonce);
        hash(buf, aadOff, aadLen, textOff, textLen);
        int tagOff = textOff + textLen;
        long diff = (ghash.high() ^ (long) LONG_BE.get(tagMask, 0) ^ (long) LONG_BE.get(buf, tagOff))
                | (ghash.low() ^ (long) LONG_BE.get(tagMask, 8) ^ (long) LONG_BE.get(buf, tagOff + 8));
        if (diff != 0) {
            return false;
        }
        ctr.crypt(buf, textOff, textLen, buf, textOff);
        return true;
    }

    /** Restarts the keystream at J0 and takes its first block as the tag mask; the text follows at J0 + 1. */
    private void start(byte[] nonce) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
        byte[] j0 = ctr.counterBlock;
        System.arraycopy(nonce, 0, j0, 0, NONCE_BYTES);
        j0[12] = 0;
        j0[13] = 0;
        j0[14] = 0;
        j0[15] = 1;
        ctr.restart();
        ctr.crypt(ZERO_BLOCK, 0, BLOCK, tagMask, 0);
    }

    /**
     * GHASH(H, AAD, C) into the hash state: both zero-padded to whole blocks, then their bit
     * lengths. Short AAD (the 44-byte header) goes through the scratch in one call, and the text's
     * partial last block shares a call with the length block: three intrinsic calls per packet.
     */
    private void hash(byte[] buf, int aadOff, int aadLen, int textOff, int textLen) {
        ghash.reset();
        if (aadLen <= SCRATCH) {
            int padded = (aadLen + BLOCK - 1) & -BLOCK;
            System.arraycopy(buf, aadOff, scratch, 0, aadLen);
            Arrays.fill(scratch, aadLen, padded, (byte) 0);
            if (padded > 0) {
                ghash.blocks(scratch, 0, padded);
            }
        } else {
            int whole = aadLen & -BLOCK;
            ghash.blocks(buf, aadOff, whole);
            int rest = aadLen - whole;
            if (rest > 0) {
                System.arraycopy(buf, aadOff + whole, scratch, 0, rest);
                Arrays.fill(scratch, rest, BLOCK, (byte) 0);
                ghash.blocks(scratch, 0, BLOCK);
            }
        }
        int whole = textLen & -BLOCK;
        if (whole > 0) {
            ghash.blocks(buf, textOff, whole);
        }
        int rest = textLen - whole;
        int tail = 0;
        if (rest > 0) {
            System.arraycopy(buf, textOff + whole, scratch, 0, rest);
            Arrays.fill(scratch, rest, BLOCK, (byte) 0);
            tail = BLOCK;
        }
        LONG_BE.set(scratch, tail, (long) aadLen << 3);
        LONG_BE.set(scratch, tail + 8, (long) textLen << 3);
        ghash.blocks(scratch, 0, tail + BLOCK);
    }
}
