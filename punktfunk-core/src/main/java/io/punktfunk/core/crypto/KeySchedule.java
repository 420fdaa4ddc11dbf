package io.punktfunk.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one direction, epoch by epoch (docs/wire-format.md "Key update"). Epoch 0 uses the
 * direction's key and salt from {@link MediaKeys}; every later epoch derives from a traffic secret
 * that moves forward one HKDF-SHA256 step per epoch (RFC 5869; the shape of QUIC's key update,
 * RFC 9001 §6):
 *
 * <pre>
 * secret_0     = HKDF-Extract(salt = "pkf1 traffic", IKM = key_0 ‖ salt_0)
 * secret_e+1   = HKDF-Expand(secret_e, "pkf1 ku", 32)
 * key_e, salt_e = HKDF-Expand(secret_e, "pkf1 key", 16), HKDF-Expand(secret_e, "pkf1 salt", 4)   (e ≥ 1)
 * </pre>
 *
 * The schedule only moves forward and forgets old secrets, so a key leaked from epoch e reveals
 * nothing of earlier epochs. Derivation allocates; it runs once per epoch, never per packet.
 * Not thread-safe.
 */
public final class KeySchedule {
    private static final byte[] TRAFFIC_SALT = "pkf1 traffic".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KU = "pkf1 ku".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "pkf1 key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SALT = "pkf1 salt".getBytes(StandardCharsets.US_ASCII);
    static final int SECRET_BYTES = 32;

    private final Direction direction;
    private final byte[] key0;
    private final byte[] salt0;
    private byte[] secret;
    private long epoch;

    public KeySchedule(MediaKeys keys, Direction direction) {
        this.direction = direction;
        this.key0 = keys.key(direction);
        this.salt0 = keys.salt(direction);
        byte[] ikm = new byte[key0.length + salt0.length];
        System.arraycopy(key0, 0, ikm, 0, key0.length);
        System.arraycopy(salt0, 0, ikm, key0.length, salt0.length);
        this.secret = hmac(TRAFFIC_SALT, ikm);
    }

    /** The epoch whose key {@link #key()} returns. */
    public long epoch() {
        return epoch;
    }

    /** Moves to the next epoch, forgetting the current secret. */
    public void advance() {
        byte[] next = expand(secret, KU, SECRET_BYTES);
        Arrays.fill(secret, (byte) 0);
        secret = next;
        epoch++;
    }

    /** The AES-128 key of the current epoch (a copy). */
    public byte[] key() {
        return epoch == 0 ? key0.clone() : expand(secret, KEY, MediaKeys.KEY_BYTES);
    }

    /** The 12-byte nonce template of the current epoch: its salt with the direction bit, then 8 zero bytes. */
    byte[] nonceTemplate() {
        byte[] salt = epoch == 0 ? salt0 : expand(secret, SALT, MediaKeys.SALT_BYTES);
        return MediaKeys.nonceTemplate(salt, direction);
    }

    /** A ready AEAD engine and nonce template for the current epoch. */
    EpochKey open() {
        return new EpochKey(epoch, PacketAeads.create(key()), nonceTemplate());
    }

    /** One epoch's engine and nonce template. */
    record EpochKey(long epoch, PacketAead aead, byte[] nonce) {
    }

    /** HKDF-Extract (RFC 5869 §2.2) is one HMAC with the salt as key. */
    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** HKDF-Expand (RFC 5869 §2.3) for up to 32 bytes: T(1) = HMAC(prk, info ‖ 0x01), truncated. */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length > SECRET_BYTES) {
            throw new IllegalArgumentException("one HKDF block only");
        }
        byte[] in = Arrays.copyOf(info, info.length + 1);
        in[info.length] = 1;
        return Arrays.copyOf(hmac(prk, in), length);
    }
}
