package io.punktfunk.host.daemon;

import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.control.quic.ControlHost;
import io.punktfunk.control.quic.HostControlSession;
import java.util.List;
import java.util.Locale;

/**
 * punktfunk/1's paired clients ({@code paired-clients.tsv}). A revocation rewrites the file (so
 * {@code host clients} and other processes see it) and ends the client's running sessions here; the
 * config-dir watcher does not report a change the host's own store made.
 */
final class PunktfunkClients implements PairedClients {
    static final String PROTOCOL = "punktfunk/1";
    private final PairedClientStore store;
    private final ControlHost control;

    PunktfunkClients(PairedClientStore store, ControlHost control) {
        this.store = store;
        this.control = control;
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
        if (store.remove(fp).isEmpty()) {
            return false;
        }
        for (HostControlSession s : control.sessions()) {
            if (s.clientFingerprint().hex().equals(fp)) {
                s.close(CloseCode.IDENTITY_REQUIRED, "this client was unpaired on the host");
            }
        }
        return true;
    }
}
