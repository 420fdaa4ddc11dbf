package io.punktfunk.control.quic;

import io.punktfunk.control.pairing.PairingBudget;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts connections host-wide and per source against {@link AdmissionLimits}. A connection takes a
 * {@link Ticket} when its first packet arrives (or is refused with a reason), marks it established
 * once authenticated, and returns it when it closes. Thread-safe (several event loops may serve
 * connections); everything here is O(1) and allocation-light, since floods call it.
 */
final class Admission {
    private final AdmissionLimits limits;
    private final Map<String, int[]> perSource = new HashMap<>(); // {handshaking, total}
    private int handshaking;
    private int total;
    private long refused;

    Admission(AdmissionLimits limits) {
        this.limits = limits;
    }

    AdmissionLimits limits() {
        return limits;
    }

    /** One admitted connection's claim on the counts. */
    final class Ticket {
        private final String source;
        private boolean handshakingNow = true;
        private boolean released;

        private Ticket(String source) {
            this.source = source;
        }

        /** Authenticated: no longer counts as handshaking. */
        void established() {
            synchronized (Admission.this) {
                if (handshakingNow && !released) {
                    handshakingNow = false;
                    handshaking--;
                    perSource.get(source)[0]--;
                }
            }
        }

        /** The connection is gone. Idempotent. */
        void release() {
            synchronized (Admission.this) {
                if (released) {
                    return;
                }
                released = true;
                int[] c = perSource.get(source);
                if (handshakingNow) {
                    handshaking--;
                    c[0]--;
                }
                total--;
                if (--c[1] == 0) {
                    perSource.remove(source);
                }
            }
        }
    }

    /** A ticket, or the reason this connection is refused. */
    sealed interface Decision {
        record Admitted(Ticket ticket) implements Decision {
        }

        record Refused(String reason) implements Decision {
        }
    }

    synchronized Decision admit(InetAddress address) {
        String source = PairingBudget.networkKey(address);
        int[] c = perSource.get(source);
        int sourceHandshaking = c == null ? 0 : c[0];
        int sourceTotal = c == null ? 0 : c[1];
        String who = address.getHostAddress();
        String why = null;
        if (total >= limits.maxConnections()) {
            why = "host holds its maximum of " + limits.maxConnections() + " connections";
        } else if (sourceTotal >= limits.maxConnectionsPerSource()) {
            why = "too many connections from " + who + " (limit " + limits.maxConnectionsPerSource() + ")";
        } else if (handshaking >= limits.maxHandshaking()) {
            why = "host has " + limits.maxHandshaking() + " connections still handshaking; retry shortly";
        } else if (sourceHandshaking >= limits.maxHandshakingPerSource()) {
            why = "too many unauthenticated connections from " + who + " (limit " + limits.maxHandshakingPerSource() + ")";
        }
        if (why != null) {
            refused++;
            return new Decision.Refused(why);
        }
        if (c == null) {
            c = new int[2];
            perSource.put(source, c);
        }
        c[0]++;
        c[1]++;
        handshaking++;
        total++;
        return new Decision.Admitted(new Ticket(source));
    }

    synchronized int handshaking() {
        return handshaking;
    }

    synchronized int total() {
        return total;
    }

    synchronized long refused() {
        return refused;
    }

    /** Sources with at least one connection (bounded by {@link AdmissionLimits#maxConnections}). */
    synchronized int sources() {
        return perSource.size();
    }
}
