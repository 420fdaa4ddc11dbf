package io.punktfunk.cli.client;

import io.punktfunk.cli.control.HostTarget;
import io.punktfunk.control.identity.Fingerprint;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.KnownHostStore;
import io.punktfunk.control.quic.ControlClient;
import io.punktfunk.control.quic.ControlConnection;
import io.punktfunk.control.quic.QuicSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The connect step shared by {@code connect} and {@code probe}: this client's identity from the
 * config dir, the host's pinned fingerprint from known-hosts.tsv (set by {@code pair}), then QUIC +
 * TLS with that pin.
 */
final class ClientConnector implements AutoCloseable {
    private final ControlClient client;
    private final Fingerprint pin;
    private final HostTarget target;

    private ClientConnector(ControlClient client, Fingerprint pin, HostTarget target) {
        this.client = client;
        this.pin = pin;
        this.target = target;
    }

    /** @throws IllegalStateException when this host was never paired (the message says what to run) */
    static ClientConnector forHost(Path configDir, HostTarget target) throws IOException {
        Optional<Fingerprint> pin = KnownHostStore.load(configDir).lookup(target.key());
        if (pin.isEmpty()) {
            throw new IllegalStateException("host " + target.key() + " is not paired: run ./punktfunk pair "
                    + target.key() + " first");
        }
        Identity identity = Identity.loadOrCreate(configDir, Identity.CLIENT_FILES, "punktfunk-client");
        return new ClientConnector(new ControlClient(identity, QuicSettings.defaults()), pin.get(), target);
    }

    ControlConnection connect() throws InterruptedException, ExecutionException, TimeoutException {
        return client.connect(target.address(), pin).get(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
    }
}
