package io.punktfunk.core.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-GCM (NIST SP 800-38D, 96-bit nonce, 128-bit tag) that allocates nothing per message,
 * built from two JDK pieces that can be reused across nonces: an {@code AES/ECB/NoPadding}
 * {@link Cipher} initialised once per key (the AES block intrinsic) turns counter blocks into
 * keystream, and the JDK's internal {@link JdkGhash} authenticates. Output is byte-identical to
 * {@code AES/GCM/NoPadding}.
 *
 * <p>Counter blocks are nonce ‖ ctr32 (big-endian): J0 has ctr 1 and masks the tag, the text uses
 * 2, 3, ... They are enciphered in chunks of {@value #CHUNK_BLOCKS} blocks; the first chunk carries
 * J0 plus the first text blocks, so a 1408-byte shard costs one ECB call. Open hashes the
 * ciphertext and compares tags (XOR-accumulated, no early exit) before it decrypts anything.
 */
final class JdkGhashAesGcm implements PacketAead {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_NATIVE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int BLOCK = 16;
    /** 128 blocks = 2 KB: J0 and a whole MTU-sized shard in one chunk. */
    static final int CHUNK_BLOCKS = 128;

    private final Cipher ecb;
    private final JdkGhash ghash;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] pad = new byte[BLOCK];
    /** Nonce bytes 0..7, and bytes 8..11 shifted to the top of a long, of the message in progress. */
    private long nonceHigh;
    private long nonceLow;
    /** E(K, J0) of the message in progress. */
    private long tagMaskHigh;
    private long tagMaskLow;

    JdkGhashAesGcm(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/ECB/NoPadding", e);
        }
        byte[] h = new byte[BLOCK];
        encipher(new byte[BLOCK], BLOCK, h, 0); // H = E(K, 0^128)
        ghash = new JdkGhash(h);
    }

    @Override
    public void seal(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int textLen) {
        Objects.checkFromIndexSize(aadOff, aadLen, buf.length);
        Objects.checkFromIndexSize(textOff, textLen, buf.length - TAG_BYTES);
        int firstBlocks = startMessage(nonce, textLen);
        int done = xorKeystream(buf, textOff, textLen, BLOCK, firstBlocks);
        cryptRest(buf, textOff + done, textLen - done, 2 + firstBlocks);
        hash(buf, aadOff, aadLen, textOff, textLen);
        int tagOff = textOff + textLen;
        LONG_BE.set(buf, tagOff, ghash.high() ^ tagMaskHigh);
        LONG_BE.set(buf, tagOff + 8, ghash.low() ^ tagMaskLow);
    }

    @Override
    public boolean open(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int sealedLen) {
        if (nonce.length != NONCE_BYTES || sealedLen < TAG_BYTES || aadLen < 0 || aadOff < 0 || textOff < 0
                || aadOff > buf.length - aadLen || textOff > buf.length - sealedLen) {
            return false;
        }
        int textLen = sealedLen - TAG_BYTES;
        int firstBlocks = startMessage(nonce, textLen);
        hash(buf, aadOff, aadLen, textOff, textLen);
        int tagOff = textOff + textLen;
        long diff = (ghash.high() ^ tagMaskHigh ^ (long) LONG_BE.get(buf, tagOff))
                | (ghash.low() ^ tagMaskLow ^ (long) LONG_BE.get(buf, tagOff + 8));
        if (diff != 0) {
            return false;
        }
        int done = xorKeystream(buf, textOff, textLen, BLOCK, firstBlocks);
        cryptRest(buf, textOff + done, textLen - done, 2 + firstBlocks);
        return true;
    }

    /**
     * Takes the nonce and enciphers the first chunk: J0 into the tag mask, then up to
     * {@code CHUNK_BLOCKS - 1} text blocks of keystream after it. Returns that block count.
     */
    private int startMessage(byte[] nonce, int textLen) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
        nonceHigh = (long) LONG_BE.get(nonce, 0);
        nonceLow = ((nonce[8] & 0xFFL) << 56) | ((nonce[9] & 0xFFL) << 48) | ((nonce[10] & 0xFFL) << 40)
                | ((nonce[11] & 0xFFL) << 32);
        int firstBlocks = Math.min(blocksFor(textLen), CHUNK_BLOCKS - 1);
        keystreamFrom(1, 1 + firstBlocks);
        tagMaskHigh = (long) LONG_BE.get(keystream, 0);
        tagMaskLow = (long) LONG_BE.get(keystream, 8);
        return firstBlocks;
    }

    /** En/decrypts {@code len} bytes after the first chunk, counter blocks from {@code counter} on. */
    private void cryptRest(byte[] buf, int off, int len, int counter) {
        while (len > 0) {
            int blocks = Math.min(blocksFor(len), CHUNK_BLOCKS);
            keystreamFrom(counter, blocks);
            int done = xorKeystream(buf, off, len, 0, blocks);
            off += done;
            len -= done;
            counter += blocks;
        }
    }

    /** Fills {@code keystream[0, blocks * 16)} with E(K, nonce ‖ counter + i). */
    private void keystreamFrom(int counter, int blocks) {
        for (int i = 0; i < blocks; i++) {
            LONG_BE.set(counters, i * BLOCK, nonceHigh);
            LONG_BE.set(counters, i * BLOCK + 8, nonceLow | ((counter + i) & 0xFFFF_FFFFL));
        }
        encipher(counters, blocks * BLOCK, keystream, 0);
    }

    /** XORs up to {@code blocks} blocks of keystream (from {@code ksOff}) into {@code buf}; returns the bytes done. */
    private int xorKeystream(byte[] buf, int off, int len, int ksOff, int blocks) {
        int n = Math.min(len, blocks * BLOCK);
        int i = 0;
        for (; i <= n - 8; i += 8) {
            LONG_NATIVE.set(buf, off + i, (long) LONG_NATIVE.get(buf, off + i) ^ (long) LONG_NATIVE.get(keystream, ksOff + i));
        }
        for (; i < n; i++) {
            buf[off + i] ^= keystream[ksOff + i];
        }
        return n;
    }

    /** GHASH(H, AAD, C) into the hash state: both zero-padded to whole blocks, then their bit lengths. */
    private void hash(byte[] buf, int aadOff, int aadLen, int textOff, int textLen) {
        ghash.reset();
        absorbPadded(buf, aadOff, aadLen);
        absorbPadded(buf, textOff, textLen);
        LONG_BE.set(pad, 0, (long) aadLen << 3);
        LONG_BE.set(pad, 8, (long) textLen << 3);
        ghash.blocks(pad, 0, BLOCK);
    }

    private void absorbPadded(byte[] in, int off, int len) {
        int whole = len & -BLOCK;
        if (whole > 0) {
            ghash.blocks(in, off, whole);
        }
        int rest = len - whole;
        if (rest > 0) {
            LONG_BE.set(pad, 0, 0L);
            LONG_BE.set(pad, 8, 0L);
            System.arraycopy(in, off + whole, pad, 0, rest);
            ghash.blocks(pad, 0, BLOCK);
        }
    }

    /** AES-encrypts {@code in[0, len)} (whole blocks) into {@code out} at {@code outOff}. */
    private void encipher(byte[] in, int len, byte[] out, int outOff) {
        int written;
        try {
            written = ecb.update(in, 0, len, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("keystream buffer too small", e);
        }
        if (written != len) {
            throw new IllegalStateException("AES/ECB produced " + written + " of " + len + " bytes");
        }
    }

    private static int blocksFor(int len) {
        return (len + BLOCK - 1) >>> 4;
    }
}
