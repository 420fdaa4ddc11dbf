package io.punktfunk.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** Creates the JDK AES-GCM cipher both ends use. */
final class AesGcm {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private AesGcm() {
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + TRANSFORMATION, e);
        }
    }
}
