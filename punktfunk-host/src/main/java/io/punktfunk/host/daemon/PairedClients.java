package io.punktfunk.host.daemon;

import java.time.Instant;
import java.util.List;

/**
 * The clients one protocol front door has paired, as the operator lists and revokes them. punktfunk/1
 * is {@link PunktfunkClients}; GameStream plugs in its own store through {@link Host#addPairedClients}.
 */
public interface PairedClients {
    /** One paired client: {@code id} is what revokes it (punktfunk/1: the certificate fingerprint). */
    record Client(String protocol, String id, String name, Instant pairedAt) {
    }

    /** The protocol's name in the API ({@code punktfunk/1}, {@code gamestream}). */
    String protocol();

    List<Client> list();

    /**
     * Revokes the client with exactly this id; its running sessions end. Returns false when there is
     * none. Blocking I/O: never call on an event loop.
     */
    boolean revoke(String id);
}
