package io.punktfunk.host.daemon;

import io.punktfunk.control.pairing.PairedClientStore;
import java.util.List;
import java.util.Locale;

/**
 * punktfunk/1's paired clients ({@code paired-clients.tsv}). A revocation rewrites the file; the
 * control host's config-dir watcher sees the change and ends the client's sessions at once, the same
 * path {@code punktfunk host unpair} takes from another process.
 */
final class PunktfunkClients implements PairedClients {
    static final String PROTOCOL = "punktfunk/1";
    private final PairedClientStore store;

    PunktfunkClients(PairedClientStore store) {
        this.store = store;
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public List<Client> list() {
        return store.list().stream().map(c -> new Client(PROTOCOL, c.fingerprint().hex(), c.name(), c.pairedAt())).toList();
    }

    @Override
    public boolean revoke(String id) {
        String fp = id.strip().toLowerCase(Locale.ROOT);
        if (fp.length() != 64 || !fp.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return false; // the API names a client by its whole fingerprint, never a prefix
        }
        return !store.remove(fp).isEmpty();
    }
}
