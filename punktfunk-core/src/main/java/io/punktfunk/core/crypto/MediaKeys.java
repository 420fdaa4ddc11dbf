package io.punktfunk.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The media keys of one session: an AES-128 key and a 4-byte nonce salt for each direction.
 * The host creates them with {@link #generate(SecureRandom)} and delivers them to the client only
 * inside the authenticated control channel, which rebuilds them with {@link #of}. There is no
 * fixed or default salt: a constant salt would turn any key-reuse bug into nonce reuse.
 */
public final class MediaKeys {
    /** AES-128 key length. */
    public static final int KEY_BYTES = 16;
    /** Nonce salt length; the nonce is salt ‖ 64-bit sequence. */
    public static final int SALT_BYTES = 4;
    /**
     * Length of {@link #writeTo}'s form, for the control channel: host-to-client key, salt, then
     * client-to-host key, salt.
     */
    public static final int ENCODED_BYTES = 2 * (KEY_BYTES + SALT_BYTES);

    private final byte[] hostToClientKey;
    private final byte[] hostToClientSalt;
    private final byte[] clientToHostKey;
    private final byte[] clientToHostSalt;

    private MediaKeys(byte[] h2cKey, byte[] h2cSalt, byte[] c2hKey, byte[] c2hSalt) {
        this.hostToClientKey = h2cKey;
        this.hostToClientSalt = h2cSalt;
        this.clientToHostKey = c2hKey;
        this.clientToHostSalt = c2hSalt;
    }

    /** Fresh random keys and salts for a new session. */
    public static MediaKeys generate(SecureRandom random) {
        byte[][] parts = {new byte[KEY_BYTES], new byte[SALT_BYTES], new byte[KEY_BYTES], new byte[SALT_BYTES]};
        for (byte[] p : parts) {
            random.nextBytes(p);
        }
        return new MediaKeys(parts[0], parts[1], parts[2], parts[3]);
    }

    /** Keys received from the peer over the control channel; arrays are copied. */
    public static MediaKeys of(byte[] hostToClientKey, byte[] hostToClientSalt,
                               byte[] clientToHostKey, byte[] clientToHostSalt) {
        check("host-to-client key", hostToClientKey, KEY_BYTES);
        check("host-to-client salt", hostToClientSalt, SALT_BYTES);
        check("client-to-host key", clientToHostKey, KEY_BYTES);
        check("client-to-host salt", clientToHostSalt, SALT_BYTES);
        return new MediaKeys(hostToClientKey.clone(), hostToClientSalt.clone(),
                clientToHostKey.clone(), clientToHostSalt.clone());
    }

    /** Writes the {@link #ENCODED_BYTES}-byte form at {@code off} (only ever over the authenticated control channel). */
    public void writeTo(byte[] dst, int off) {
        System.arraycopy(hostToClientKey, 0, dst, off, KEY_BYTES);
        System.arraycopy(hostToClientSalt, 0, dst, off + KEY_BYTES, SALT_BYTES);
        System.arraycopy(clientToHostKey, 0, dst, off + KEY_BYTES + SALT_BYTES, KEY_BYTES);
        System.arraycopy(clientToHostSalt, 0, dst, off + 2 * KEY_BYTES + SALT_BYTES, SALT_BYTES);
    }

    /** Reads the form {@link #writeTo} wrote. */
    public static MediaKeys readFrom(byte[] src, int off) {
        if (src == null || off < 0 || off > src.length - ENCODED_BYTES) {
            throw new IllegalArgumentException("media keys need " + ENCODED_BYTES + " bytes");
        }
        return new MediaKeys(
                Arrays.copyOfRange(src, off, off + KEY_BYTES),
                Arrays.copyOfRange(src, off + KEY_BYTES, off + KEY_BYTES + SALT_BYTES),
                Arrays.copyOfRange(src, off + KEY_BYTES + SALT_BYTES, off + 2 * KEY_BYTES + SALT_BYTES),
                Arrays.copyOfRange(src, off + 2 * KEY_BYTES + SALT_BYTES, off + ENCODED_BYTES));
    }

    private static void check(String what, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }

    /** A copy of the key for {@code direction}. */
    public byte[] key(Direction direction) {
        return (direction == Direction.HOST_TO_CLIENT ? hostToClientKey : clientToHostKey).clone();
    }

    /** A copy of the salt for {@code direction}, as delivered (before the direction bit is applied). */
    public byte[] salt(Direction direction) {
        return (direction == Direction.HOST_TO_CLIENT ? hostToClientSalt : clientToHostSalt).clone();
    }

    /** The 12-byte nonce template for {@code direction}: salt with the direction bit, then 8 zero bytes. */
    byte[] nonceTemplate(Direction direction) {
        return nonceTemplate(direction == Direction.HOST_TO_CLIENT ? hostToClientSalt : clientToHostSalt, direction);
    }

    static byte[] nonceTemplate(byte[] salt, Direction direction) {
        byte[] nonce = new byte[SALT_BYTES + Long.BYTES];
        System.arraycopy(salt, 0, nonce, 0, SALT_BYTES);
        nonce[0] = (byte) ((nonce[0] & 0x7F) | direction.nonceBit());
        return nonce;
    }

    /**
     * The keys of a session whose control channel delivered one shared secret (punktfunk/1's Welcome
     * carries a 16-byte key and a 4-byte salt, 160 random bits, inside TLS): each direction gets its
     * own key and salt from HKDF-SHA256 (RFC 5869), so the two directions share neither.
     *
     * <pre>
     * prk           = HKDF-Extract(salt = "pkf1 media", IKM = secret)
     * key_d, salt_d = HKDF-Expand(prk, "pkf1 h2c key" | "pkf1 c2h key", 16), … "salt", 4)
     * </pre>
     */
    public static MediaKeys derive(byte[] secret) {
        if (secret == null || secret.length < KEY_BYTES) {
            throw new IllegalArgumentException("session secret must be at least " + KEY_BYTES + " bytes");
        }
        byte[] prk = KeySchedule.hmac(ascii("pkf1 media"), secret);
        return new MediaKeys(
                KeySchedule.expand(prk, ascii("pkf1 h2c key"), KEY_BYTES),
                KeySchedule.expand(prk, ascii("pkf1 h2c salt"), SALT_BYTES),
                KeySchedule.expand(prk, ascii("pkf1 c2h key"), KEY_BYTES),
                KeySchedule.expand(prk, ascii("pkf1 c2h salt"), SALT_BYTES));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "MediaKeys[aes-128-gcm, 2 directions]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaKeys k
                && Arrays.equals(hostToClientKey, k.hostToClientKey) && Arrays.equals(hostToClientSalt, k.hostToClientSalt)
                && Arrays.equals(clientToHostKey, k.clientToHostKey) && Arrays.equals(clientToHostSalt, k.clientToHostSalt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hostToClientSalt) * 31 + Arrays.hashCode(clientToHostSalt);
    }
}
