package io.punktfunk.host.gamestream.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The crypto of GameStream PIN pairing (reference §2.3), host side. Every blob is exchanged as hex;
 * AES is ECB without padding on whole 16-byte blocks; hashes are SHA-256 (Gen 7 clients).
 */
public final class PairingCrypto {
    private PairingCrypto() {
    }

    /** {@code SHA-256(salt ‖ PIN as ASCII)[0:16]}: the AES-128 key of phases 2 and 3. */
    public static byte[] pinKey(byte[] salt, String pin) {
        byte[] pinBytes = pin.getBytes(StandardCharsets.US_ASCII);
        byte[] in = new byte[salt.length + pinBytes.length];
        System.arraycopy(salt, 0, in, 0, salt.length);
        System.arraycopy(pinBytes, 0, in, salt.length, pinBytes.length);
        return Arrays.copyOf(sha256(in), 16);
    }

    public static byte[] aesEcbEncrypt(byte[] key, byte[] data) {
        return aesEcb(Cipher.ENCRYPT_MODE, key, data);
    }

    public static byte[] aesEcbDecrypt(byte[] key, byte[] data) {
        return aesEcb(Cipher.DECRYPT_MODE, key, data);
    }

    /** SHA-256 over the concatenation of {@code parts}. */
    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The certificate's own signature bytes (the BIT STRING of the X.509 structure), which pairing hashes. */
    public static byte[] signatureBytes(X509Certificate cert) {
        return cert.getSignature();
    }

    /** RSA PKCS#1 v1.5 with SHA-256. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the GameStream key", e);
        }
    }

    /** Verifies an RSA PKCS#1 v1.5 SHA-256 signature; false for a bad signature or an unusable key. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] aesEcb(int mode, byte[] key, byte[] data) {
        if (data.length == 0 || data.length % 16 != 0) {
            throw new IllegalArgumentException("AES-ECB input must be whole 16-byte blocks, got " + data.length + " bytes");
        }
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-ECB failed", e);
        }
    }
}
