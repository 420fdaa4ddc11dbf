package io.punktfunk.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link PacketAead} through the public JCA API ({@code AES/GCM/NoPadding}): correct everywhere,
 * but the JDK allocates ~1 KB per call inside {@code Cipher.init} (a fresh {@code GCMParameterSpec}
 * and GCM engine per nonce; docs/wire-format.md). The fallback when {@link JdkGhashAesGcm} cannot
 * run. In-place open verifies before it writes (the JDK decrypts into a side buffer), so a
 * refused packet leaves the buffer as it was.
 */
final class JcaAesGcm implements PacketAead {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Cipher cipher;
    private final SecretKeySpec key;

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
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(buf, aadOff, aadLen);
            cipher.doFinal(buf, textOff, sealedLen, buf, textOff);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A wrong tag (AEADBadTagException), or short / out-of-bounds input: refused, never thrown.
            return false;
        }
    }
}
