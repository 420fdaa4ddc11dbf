package io.punktfunk.host.gamestream;

import io.punktfunk.host.daemon.PairedClients;
import io.punktfunk.host.gamestream.http.PairedMoonlightClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The paired Moonlight clients as the host daemon lists and revokes them (management API, protocol "gamestream"). */
final class GameStreamPairedClients implements PairedClients {
    private final PairedMoonlightClients store;

    GameStreamPairedClients(PairedMoonlightClients store) {
        this.store = store;
    }

    @Override
    public String protocol() {
        return "gamestream";
    }

    @Override
    public List<Client> list() {
        return store.list().stream().map(c -> new Client(protocol(), c.fingerprint(), c.name(), c.pairedAt())).toList();
    }

    /** Revokes by the whole fingerprint; the client's next HTTPS request is refused (401). */
    @Override
    public boolean revoke(String id) {
        if (id == null || id.length() != 64) {
            return false;
        }
        try {
            return !store.revoke(id).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
