package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.Fingerprint;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Turns a PIN into the SPAKE2 password scalar {@code w = MHF(pin) mod n} (RFC 9382 §3.2). The
 * memory-hard function is scrypt (N = 2^14, r = 8, p = 1: 16 MiB, tens of ms) salted with both
 * fingerprints, so one precomputed table can't serve every pairing.
 */
public final class PinKey {
    private static final byte[] LABEL = "punktfunk/1 pairing pin".getBytes(StandardCharsets.US_ASCII);

    private PinKey() {
    }

    /** The password scalar for {@code pin} between {@code client} and {@code host}. */
    public static BigInteger derive(String pin, Fingerprint client, Fingerprint host) {
        byte[] salt = new byte[LABEL.length + 2 * Fingerprint.BYTES];
        System.arraycopy(LABEL, 0, salt, 0, LABEL.length);
        System.arraycopy(client.bytes(), 0, salt, LABEL.length, Fingerprint.BYTES);
        System.arraycopy(host.bytes(), 0, salt, LABEL.length + Fingerprint.BYTES, Fingerprint.BYTES);
        byte[] hash = SCrypt.generate(pin.getBytes(StandardCharsets.UTF_8), salt, 1 << 14, 8, 1, 40);
        return Spake2.scalarFromHash(hash);
    }
}
