package io.punktfunk.control.pairing;

import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessage.PairChallenge;
import io.punktfunk.control.message.ControlMessage.PairProof;
import io.punktfunk.control.message.ControlMessage.PairRequest;
import io.punktfunk.control.message.ControlMessage.PairResult;
import java.net.InetAddress;

/**
 * Host side of one PIN ceremony (SPAKE2 role B):
 * <pre>
 * client                                 host
 *   PairRequest{name, pA}        ──▶  rate limit? PIN armed? → pB
 *                                ◀──  PairChallenge{pB}
 *   PairProof{cA}                ──▶  verify cA (constant time)
 *                                ◀──  PairResult{ok, cB}   or Refused{DENIED}
 * </pre>
 * The client proves first, so a failed attempt leaks nothing an attacker could test PINs against
 * offline; each failure costs one online guess and back-off time. Not thread-safe: one per attempt.
 */
public final class HostPairingCeremony {
    private final PairingWindow window;
    private final PairingRateLimiter limiter;
    private final PairingBudget budget;
    private final InetAddress source;
    private final Fingerprint client;
    private final Fingerprint host;
    private String pin;
    private String clientName;
    private Spake2.Result result;

    public HostPairingCeremony(PairingWindow window, PairingRateLimiter limiter, Fingerprint client, Fingerprint host) {
        this(window, limiter, null, null, client, host);
    }

    /** A ceremony whose wrong PINs are also charged to {@code budget} for {@code source} (null: no budget). */
    public HostPairingCeremony(PairingWindow window, PairingRateLimiter limiter, PairingBudget budget, InetAddress source,
                               Fingerprint client, Fingerprint host) {
        this.window = window;
        this.limiter = limiter;
        this.budget = budget;
        this.source = source;
        this.client = client;
        this.host = host;
    }

    /** Answers the request with the host's share; slow (scrypt), run it off the event loop. */
    public PairChallenge onRequest(PairRequest request) throws PairingFailure {
        if (pin != null) {
            throw new PairingFailure(CloseCode.PROTOCOL_VIOLATION, "second pair request in one ceremony");
        }
        limiter.checkAllowed();
        if (budget != null) {
            budget.checkAllowed(source);
        }
        pin = window.begin(this);
        clientName = request.name().isBlank() ? "client " + client.shortHex() : request.name();
        Spake2 b = PairingTranscript.start(Spake2.Role.B, pin, client, host);
        try {
            result = b.finish(request.share());
        } catch (IllegalArgumentException e) {
            window.release(this);
            throw new PairingFailure(CloseCode.PROTOCOL_VIOLATION, e.getMessage());
        }
        return new PairChallenge(b.share());
    }

    /** Checks the client's proof: success burns the PIN; failure counts against PIN and rate limit. */
    public PairResult onProof(PairProof proof) throws PairingFailure {
        if (result == null) {
            throw new PairingFailure(CloseCode.PROTOCOL_VIOLATION, "pair proof before pair request");
        }
        if (!result.verifyPeer(proof.confirmation())) {
            window.failed(this, pin);
            limiter.failed();
            if (budget != null) {
                budget.charge(source);
            }
            throw new PairingFailure(CloseCode.DENIED, "wrong PIN");
        }
        if (!window.succeeded(this, pin)) {
            throw new PairingFailure(CloseCode.PAIRING_NOT_ARMED, "the PIN expired during pairing");
        }
        limiter.succeeded();
        return new PairResult(true, result.ownConfirmation());
    }

    /** The connection went away mid-ceremony: give the slot back. */
    public void abandon() {
        window.release(this);
    }

    /** Name the client gave (or a fingerprint-based default). */
    public String clientName() {
        return clientName;
    }
}
