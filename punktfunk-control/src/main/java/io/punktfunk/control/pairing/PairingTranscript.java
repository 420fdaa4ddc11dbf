package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.Fingerprint;
import java.nio.charset.StandardCharsets;

/**
 * How the PIN ceremony binds SPAKE2 to the TLS identities each side actually saw: identity A is the
 * client certificate's fingerprint, B the host's, and the confirmation keys carry a protocol label
 * as AAD. A relay with its own certificates on each leg makes the two sides disagree on A or B, so
 * their confirmations cannot match even when the relay forwards every byte.
 */
final class PairingTranscript {
    static final byte[] AAD = "punktfunk/1 pairing".getBytes(StandardCharsets.US_ASCII);

    private PairingTranscript() {
    }

    static Spake2 start(Spake2.Role role, String pin, Fingerprint client, Fingerprint host) {
        return new Spake2(role, PinKey.derive(pin, client, host), client.bytes(), host.bytes(), AAD);
    }
}
