package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage.PairChallenge;
import io.punktfunk.control.message.ControlMessage.PairProof;
import io.punktfunk.control.message.ControlMessage.PairRequest;
import io.punktfunk.control.message.ControlMessage.PairResult;

/**
 * Client side of one PIN ceremony (SPAKE2 role A); see {@link HostPairingCeremony} for the flow.
 * {@code host} is the fingerprint of the certificate this TLS connection actually presented.
 */
public final class ClientPairingCeremony {
    private final Spake2 a;
    private final String name;
    private Spake2.Result result;

    /** Slow (scrypt): construct it off the event loop. */
    public ClientPairingCeremony(String pin, String name, Fingerprint client, Fingerprint host) {
        this.a = PairingTranscript.start(Spake2.Role.A, pin, client, host);
        this.name = name;
    }

    /** The opening message. */
    public PairRequest request() {
        return new PairRequest(name, a.share());
    }

    /** Finishes SPAKE2 with the host's share and returns this side's proof. */
    public PairProof onChallenge(PairChallenge challenge) throws PairingFailure {
        try {
            result = a.finish(challenge.share());
        } catch (IllegalArgumentException e) {
            throw new PairingFailure(CloseCode.PROTOCOL_VIOLATION, e.getMessage());
        }
        return new PairProof(result.ownConfirmation());
    }

    /**
     * Verifies the host's confirmation. Only after this returns may the host fingerprint be pinned:
     * it proves the host knows the PIN and saw the same two certificates.
     */
    public void onResult(PairResult r) throws PairingFailure {
        if (result == null) {
            throw new PairingFailure(CloseCode.PROTOCOL_VIOLATION, "pair result before challenge");
        }
        if (!r.ok() || !result.verifyPeer(r.confirmation())) {
            throw new PairingFailure(CloseCode.DENIED,
                    "host could not prove it knows the PIN for this connection (wrong host, or a relay in the middle)");
        }
    }
}
