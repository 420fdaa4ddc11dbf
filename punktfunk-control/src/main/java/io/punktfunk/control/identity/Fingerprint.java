package io.punktfunk.control.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/** SHA-256 of a leaf certificate's DER encoding; shown and stored as 64 lowercase hex digits. */
public final class Fingerprint {
    /** Length of the digest in bytes. */
    public static final int BYTES = 32;

    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
    }

    /** Fingerprint of {@code certificate}. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            return ofDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** Fingerprint of a DER-encoded certificate. */
    public static Fingerprint ofDer(byte[] der) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Parses 64 hex digits (either case; ':' separators allowed). */
    public static Fingerprint parse(String hex) {
        String clean = hex.strip().replace(":", "").toLowerCase(java.util.Locale.ROOT);
        if (clean.length() != BYTES * 2) {
            throw new IllegalArgumentException("a fingerprint is 64 hex digits, got " + clean.length() + " characters");
        }
        try {
            return new Fingerprint(HexFormat.of().parseHex(clean));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fingerprint is not hex: " + hex, e);
        }
    }

    /** Wraps a raw 32-byte digest (copied). */
    public static Fingerprint fromBytes(byte[] digest) {
        if (digest.length != BYTES) {
            throw new IllegalArgumentException("a fingerprint is 32 bytes, got " + digest.length);
        }
        return new Fingerprint(digest.clone());
    }

    /** The raw digest (a copy). */
    public byte[] bytes() {
        return digest.clone();
    }

    /** 64 lowercase hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /** First 16 hex digits, for log lines. */
    public String shortHex() {
        return hex().substring(0, 16);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && MessageDigest.isEqual(digest, f.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return hex();
    }
}
