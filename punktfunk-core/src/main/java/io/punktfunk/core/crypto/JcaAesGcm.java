package io.punktfunk.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link PacketAead} through the public JCA API ({@code AES/GCM/NoPadding}): correct everywhere,
 * but the JDK allocates ~1 KB per call inside {@code Cipher.init} (a fresh {@code GCMParameterSpec}
 * and GCM engine per nonce; docs/wire-format.md). The fallback when {@link JdkGhashAesGcm} cannot
 * run. Open decrypts into a side buffer and copies back only after the tag verified: the JDK's
 * in-place decrypt leaves decrypted bytes behind when the tag is wrong.
 */
final class JcaAesGcm implements PacketAead {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Cipher cipher;
    private final SecretKeySpec key;
    private byte[] opened = new byte[2048];

    JcaAesGcm(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + TRANSFORMATION, e);
        }
    }

    @Override
    public void seal(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int textLen) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(buf, aadOff, aadLen);
            cipher.doFinal(buf, textOff, textLen, buf, textOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        }
    }

    @Override
    public boolean open(byte[] nonce, byte[] buf, int aadOff, int aadLen, int textOff, int sealedLen) {
        if (sealedLen < TAG_BYTES || textOff < 0 || textOff > buf.length - sealedLen) {
            return false; // before sizing the side buffer by sealedLen
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(buf, aadOff, aadLen);
            if (opened.length < sealedLen) {
                opened = new byte[sealedLen];
            }
            int textLen = cipher.doFinal(buf, textOff, sealedLen, opened, 0);
            System.arraycopy(opened, 0, buf, textOff, textLen);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A wrong tag (AEADBadTagException), or short / out-of-bounds input: refused, never thrown.
            return false;
        }
    }
}
