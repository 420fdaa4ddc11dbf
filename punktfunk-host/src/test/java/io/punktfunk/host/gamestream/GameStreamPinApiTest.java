package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.punktfunk.host.api.ApiClient;
import io.punktfunk.host.daemon.Host;
import io.punktfunk.host.daemon.PairingAtStart;
import io.punktfunk.host.gamestream.client.http.MoonlightIdentity;
import io.punktfunk.host.gamestream.client.http.MoonlightPairing;
import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.host.settings.HostSettings;
import io.punktfunk.host.settings.Setting;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Moonlight PIN through the management API: a Moonlight test client pairs with GameStream beside a real
 * host daemon while the test, as the operator, reads the waiting client and enters the PIN over HTTPS, and
 * follows the ceremony on the event stream.
 */
class GameStreamPinApiTest {
    static final long WAIT_S = 20;

    @TempDir
    Path dir;

    private record Event(String type, JsonNode data) {
    }

    @Test
    void aMoonlightPinIsEnteredThroughTheApiAndTheCeremonyIsOnTheEventStream() throws Exception {
        Map<Setting<?>, Object> o = Map.of(HostSettings.BIND, "127.0.0.1", HostSettings.PORT, 0, HostSettings.API_PORT, 0,
                HostSettings.MDNS, false, HostSettings.INPUT, "none", HostSettings.AUDIO, "none");
        try (Host host = Host.start(dir, o, PairingAtStart.none(), line -> { });
             GameStreamHost gs = GameStreamHost.startBeside(host, GameStreamSettings.defaults(dir).withBind("127.0.0.1")
                     .withPorts(0, 0, 0).withPinTimeout(Duration.ofSeconds(30)), new RecordingStreamLauncher(), line -> { });
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            ApiClient api = new ApiClient(host);
            LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> sse = api.http.send(HttpRequest.newBuilder(api.base.resolve("/api/v1/events?types=gamestream,client"))
                    .build(), HttpResponse.BodyHandlers.ofLines());
            pool.submit(() -> {
                String type = null;
                for (String line : (Iterable<String>) sse.body()::iterator) {
                    if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ") && type != null) {
                        events.add(new Event(type, ApiClient.JSON.readTree(line.substring(6))));
                    }
                }
                return null;
            });
            await(() -> host.api().eventReaders() == 1);

            JsonNode state = ApiClient.json(api.get("/api/v1/gamestream/pin"));
            assertThat(state.get("enabled").asBoolean()).isTrue();
            assertThat(state.get("waiting").asBoolean()).isFalse();
            assertThat(api.admin("POST", "/api/v1/gamestream/pin", "{\"pin\":\"1234\"}").statusCode())
                    .as("nobody waits").isEqualTo(409);

            NvHttpClient tv = new NvHttpClient("127.0.0.1", gs.httpPort(), gs.httpsPort(), MoonlightIdentity.create("tv"));
            Future<MoonlightPairing.Result> pairing = pool.submit(() -> MoonlightPairing.pair(tv, "4711", "tv", false));
            Event wanted = next(events);
            assertThat(wanted.type()).isEqualTo("gamestream.pin.wanted");
            assertThat(wanted.data().get("client").asText()).isEqualTo("tv");
            assertThat(wanted.data().get("address").asText()).isEqualTo("127.0.0.1");
            state = ApiClient.json(api.get("/api/v1/gamestream/pin"));
            assertThat(state.get("waiting").asBoolean()).isTrue();
            assertThat(state.get("client").asText()).isEqualTo("tv");

            // bad requests change nothing: the client still waits
            assertThat(api.send("POST", "/api/v1/gamestream/pin", "{\"pin\":\"4711\"}", null).statusCode()).isEqualTo(401);
            HttpResponse<String> bad = api.admin("POST", "/api/v1/gamestream/pin", "{\"pin\":\"47a1\"}");
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(ApiClient.json(bad).get("errors").get(0).get("key").asText()).isEqualTo("pin");
            assertThat(api.admin("POST", "/api/v1/gamestream/pin", "{\"pin\":4711}").statusCode()).isEqualTo(422);
            assertThat(ApiClient.json(api.get("/api/v1/gamestream/pin")).get("waiting").asBoolean()).isTrue();

            assertThat(api.admin("POST", "/api/v1/gamestream/pin", "{\"pin\":\"4711\"}").statusCode()).isEqualTo(204);
            assertThat(pairing.get(WAIT_S, TimeUnit.SECONDS).outcome()).isEqualTo(MoonlightPairing.Outcome.PAIRED);
            Event closed = next(events);
            assertThat(closed.type()).isEqualTo("gamestream.pin.closed");
            assertThat(closed.data().get("reason").asText()).isEqualTo("PIN entered");
            Event paired = next(events);
            assertThat(paired.type()).isEqualTo("client.paired");
            assertThat(paired.data().get("protocol").asText()).isEqualTo("gamestream");
            assertThat(paired.data().get("name").asText()).isEqualTo("tv");
            String id = paired.data().get("id").asText();
            JsonNode clients = ApiClient.json(api.get("/api/v1/clients")).get("clients");
            assertThat(clients).anySatisfy(c -> {
                assertThat(c.get("protocol").asText()).isEqualTo("gamestream");
                assertThat(c.get("id").asText()).isEqualTo(id);
            });

            // a wrong PIN: the ceremony fails at its last phase, and the stream says why
            NvHttpClient phone = new NvHttpClient("127.0.0.1", gs.httpPort(), gs.httpsPort(), MoonlightIdentity.create("phone"));
            Future<MoonlightPairing.Result> wrong = pool.submit(() -> MoonlightPairing.pair(phone, "1111", "phone", true));
            assertThat(next(events).type()).isEqualTo("gamestream.pin.wanted");
            assertThat(api.admin("POST", "/api/v1/gamestream/pin", "{\"pin\":\"2222\"}").statusCode()).isEqualTo(204);
            assertThat(wrong.get(WAIT_S, TimeUnit.SECONDS).outcome()).isNotEqualTo(MoonlightPairing.Outcome.PAIRED);
            assertThat(next(events).type()).isEqualTo("gamestream.pin.closed");
            Event failed = next(events);
            assertThat(failed.type()).isEqualTo("gamestream.pairing.failed");
            assertThat(failed.data().get("client").asText()).isEqualTo("phone");
            assertThat(failed.data().get("reason").asText()).isEqualTo("wrong PIN");

            // revoked through the API: listed no more, on the stream, refused by nvhttp
            assertThat(api.admin("DELETE", "/api/v1/clients/" + id, null).statusCode()).isEqualTo(204);
            Event revoked = next(events);
            assertThat(revoked.type()).isEqualTo("client.revoked");
            assertThat(revoked.data().get("protocol").asText()).isEqualTo("gamestream");
            assertThat(tv.https("/serverinfo", NvHttpClient.args()).statusCode()).isEqualTo(401);
            sse.body().close();
        }
    }

    private static Event next(LinkedBlockingQueue<Event> events) throws InterruptedException {
        Event e = events.poll(WAIT_S, TimeUnit.SECONDS);
        assertThat(e).as("an event within " + WAIT_S + " s").isNotNull();
        return e;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - end).as("condition within " + WAIT_S + " s").isNegative();
            Thread.sleep(10);
        }
    }
}
