package io.punktfunk.control.pairing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * One side of SPAKE2 as specified in RFC 9382, ciphersuite P256-SHA256-HKDF-HMAC-SHA256, on
 * BouncyCastle's P-256 arithmetic. Party A sends {@code pA = x·P + w·M}, B sends {@code pB = y·P + w·N};
 * both compute {@code K}, hash the transcript TT (§3.3) into {@code Ke ‖ Ka}, expand {@code Ka} with
 * HKDF (info {@code "ConfirmationKeys" ‖ AAD}) into {@code KcA ‖ KcB} and confirm with
 * {@code HMAC(KcA, TT)} / {@code HMAC(KcB, TT)} (§4).
 */
public final class Spake2 {
    /** Which side of the exchange this is. */
    public enum Role { A, B }

    static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    /** RFC 9382 §6, the P-256 M and N points (SEC1 compressed). */
    static final ECPoint M = P256.getCurve().decodePoint(HexFormat.of().parseHex(
            "02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f"));
    static final ECPoint N = P256.getCurve().decodePoint(HexFormat.of().parseHex(
            "03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49"));
    /** Size of a share on the wire: an uncompressed SEC1 point. */
    public static final int SHARE_BYTES = 65;
    private static final int SCALAR_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Role role;
    private final BigInteger w;
    private final BigInteger secret;
    private final byte[] idA;
    private final byte[] idB;
    private final byte[] aad;
    private final byte[] share;

    /** Fresh ephemeral secret; {@code w} already reduced mod the group order. */
    public Spake2(Role role, BigInteger w, byte[] idA, byte[] idB, byte[] aad) {
        this(role, w, BigIntegers.createRandomInRange(BigInteger.ONE, order().subtract(BigInteger.ONE), RANDOM), idA, idB, aad);
    }

    /** With a given ephemeral scalar: the RFC's test vectors fix x and y. */
    Spake2(Role role, BigInteger w, BigInteger secret, byte[] idA, byte[] idB, byte[] aad) {
        if (w.signum() <= 0 || w.compareTo(order()) >= 0) {
            throw new IllegalArgumentException("w must be in [1, n)");
        }
        this.role = role;
        this.w = w;
        this.secret = secret;
        this.idA = idA.clone();
        this.idB = idB.clone();
        this.aad = aad.clone();
        ECPoint blind = role == Role.A ? M : N;
        this.share = P256.getG().multiply(secret).add(blind.multiply(w)).normalize().getEncoded(false);
    }

    /** The group order n of P-256. */
    public static BigInteger order() {
        return P256.getN();
    }

    /** Reduces a password-hash output (at least 40 bytes, so the bias is below 2^-64) into [1, n). */
    public static BigInteger scalarFromHash(byte[] hash) {
        BigInteger w = new BigInteger(1, hash).mod(order());
        return w.signum() == 0 ? BigInteger.ONE : w;
    }

    /** This side's share (pA for A, pB for B), 65 bytes. */
    public byte[] share() {
        return share.clone();
    }

    /**
     * Completes the exchange with the peer's share. Throws {@link IllegalArgumentException} for a
     * share that is not a valid P-256 point or is the identity.
     */
    public Result finish(byte[] peerShare) {
        if (peerShare.length != SHARE_BYTES || peerShare[0] != 0x04) {
            throw new IllegalArgumentException("SPAKE2 share must be a 65-byte uncompressed P-256 point");
        }
        ECPoint peer;
        try {
            peer = P256.getCurve().decodePoint(peerShare); // validates the curve equation
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SPAKE2 share is not a P-256 point", e);
        }
        ECPoint unblind = role == Role.A ? N : M;
        ECPoint k = peer.subtract(unblind.multiply(w)).multiply(secret).normalize(); // cofactor h = 1
        if (k.isInfinity()) {
            throw new IllegalArgumentException("SPAKE2 share gives the identity element");
        }
        byte[] pA = role == Role.A ? share : peerShare;
        byte[] pB = role == Role.A ? peerShare : share;
        byte[] tt = transcript(idA, idB, pA, pB, k.getEncoded(false), BigIntegers.asUnsignedByteArray(SCALAR_BYTES, w));
        byte[] hash = sha256(tt);
        byte[] ke = Arrays.copyOfRange(hash, 0, 16);
        byte[] ka = Arrays.copyOfRange(hash, 16, 32);
        byte[] kc = hkdf(ka, concat("ConfirmationKeys".getBytes(StandardCharsets.US_ASCII), aad), 32);
        byte[] kcA = Arrays.copyOfRange(kc, 0, 16);
        byte[] kcB = Arrays.copyOfRange(kc, 16, 32);
        return new Result(role, ke, hmac(kcA, tt), hmac(kcB, tt));
    }

    /** RFC 9382 §3.3: each field prefixed with its length as u64 little-endian. */
    static byte[] transcript(byte[]... fields) {
        int total = 0;
        for (byte[] f : fields) {
            total += 8 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] f : fields) {
            b.putLong(f.length).put(f);
        }
        return b.array();
    }

    /**
     * The outcome: the shared key {@code Ke} and both confirmation MACs. Compare the peer's MAC with
     * {@link #verifyPeer(byte[])} (constant time); never use {@code Ke} before that succeeds.
     */
    public record Result(Role role, byte[] sharedKey, byte[] confirmA, byte[] confirmB) {
        /** The MAC this side sends. */
        public byte[] ownConfirmation() {
            return (role == Role.A ? confirmA : confirmB).clone();
        }

        /** True iff {@code received} is the peer's correct confirmation. */
        public boolean verifyPeer(byte[] received) {
            return MessageDigest.isEqual(role == Role.A ? confirmB : confirmA, received);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hkdf(byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, null, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
