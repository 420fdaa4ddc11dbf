package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.host.gamestream.client.http.MoonlightIdentity;
import io.punktfunk.host.gamestream.client.http.MoonlightPairing;
import io.punktfunk.host.gamestream.client.http.MoonlightPairing.Outcome;
import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.host.gamestream.http.PairedMoonlightClients;
import io.punktfunk.host.gamestream.http.PinRequestFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nvhttp over real HTTP and TLS with a client written from the reference: serverinfo, PIN pairing, the certificate check. */
class NvHttpPairingTest {
    @TempDir
    Path dir;

    @Test
    void serverInfoOverHttpSaysWhatMoonlightNeeds() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient.Reply r = t.client(MoonlightIdentity.create("c")).http("/serverinfo", NvHttpClient.args());
            assertThat(r.httpStatus()).isEqualTo(200);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.get("appversion")).isEqualTo("7.1.431.-1");
            assertThat(r.get("PairStatus")).isEqualTo("0");
            assertThat(Integer.parseInt(r.get("ServerCodecModeSupport")) & 0x1).isEqualTo(1);
            assertThat(r.get("HttpsPort")).isEqualTo(String.valueOf(t.host.httpsPort()));
            assertThat(r.get("state")).isEqualTo("SUNSHINE_SERVER_FREE");
            assertThat(r.get("currentgame")).isEqualTo("0");
            assertThat(r.get("uniqueid")).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void pairsWithThePinThenHttpsAdmitsTheCertificateUntilRevoked() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.client(MoonlightIdentity.create("moonlight test"));
            // before pairing: every HTTPS route but /pair refuses the unknown certificate
            assertThat(c.https("/serverinfo", NvHttpClient.args()).statusCode()).isEqualTo(401);
            assertThat(c.https("/applist", NvHttpClient.args()).statusCode()).isEqualTo(401);
            NvHttpClient.Reply launch = c.https("/launch", launchArgs(false));
            assertThat(launch.statusCode()).isEqualTo(401);
            assertThat(launch.root().getAttribute("query")).isEqualTo("/launch");
            assertThat(t.launcher.started).isEmpty();

            MoonlightPairing.Result r = t.pair(c, "1234", "1234", false);
            assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.PAIRED);
            // HTTPS presents exactly the certificate pairing sent as plaincert (the client pinned it)
            assertThat(c.lastServerCertificate()).isEqualTo(r.hostCertificate());
            assertThat(r.hostCertificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");

            NvHttpClient.Reply info = c.https("/serverinfo", NvHttpClient.args());
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.get("PairStatus")).isEqualTo("1");
            NvHttpClient.Reply apps = c.https("/applist", NvHttpClient.args());
            assertThat(apps.statusCode()).isEqualTo(200);
            assertThat(apps.get("AppTitle")).isEqualTo("Desktop");
            assertThat(apps.get("ID")).isEqualTo("1");
            NvHttpClient.Reply art = c.https("/appasset", NvHttpClient.args("appid", "1", "AssetType", "2", "AssetIdx", "0"));
            assertThat(art.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

            // persisted: a fresh store (another process, e.g. `host gamestream-clients`) lists it
            String fp = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(c.identity().certificate().getEncoded()));
            PairedMoonlightClients other = PairedMoonlightClients.open(dir);
            assertThat(other.list()).extracting(PairedMoonlightClients.Client::fingerprint).containsExactly(fp);
            assertThat(other.list().get(0).name()).isEqualTo("roth");

            // revoked from "another process": the running host refuses the next request
            assertThat(other.revoke(fp.substring(0, 12))).hasSize(1);
            assertThat(c.https("/serverinfo", NvHttpClient.args()).statusCode()).isEqualTo(401);
            assertThat(c.https("/launch", launchArgs(false)).statusCode()).isEqualTo(401);
            assertThat(t.host.nvhttp().unauthorized()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void theCertificateSurvivesARestartSoPairedClientsStayPaired() throws Exception {
        NvHttpClient c;
        java.security.cert.X509Certificate first;
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            c = t.pairedClient();
            first = c.lastServerCertificate();
        }
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient again = new NvHttpClient("127.0.0.1", t.host.httpPort(), t.host.httpsPort(), c.identity());
            again.pin(first);
            assertThat(again.https("/serverinfo", NvHttpClient.args()).get("PairStatus")).isEqualTo("1");
        }
    }

    @Test
    void aWrongPinPairsNothingAndTheHostGoesOnServing() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.client(MoonlightIdentity.create("typo"));
            // the client notices the mismatch itself, as Moonlight does
            assertThat(t.pair(c, "1111", "2222", false).outcome()).isEqualTo(Outcome.WRONG_PIN);
            // a client that ignores it and sends phase 4 anyway is refused by the host's own check
            MoonlightPairing.Result pushed = t.pair(c, "1111", "2222", true);
            assertThat(pushed.outcome()).isEqualTo(Outcome.WRONG_PIN);
            assertThat(pushed.detail()).contains("<paired>0</paired>");
            assertThat(t.host.nvhttp().pairingFailures()).isGreaterThanOrEqualTo(1);
            assertThat(c.https("/serverinfo", NvHttpClient.args()).statusCode()).isEqualTo(401);
            assertThat(PairedMoonlightClients.open(dir).list()).isEmpty();
            assertThat(t.notices).anyMatch(n -> n.contains("wrong PIN"));

            // the host still pairs the next client
            NvHttpClient good = t.pairedClient();
            assertThat(good.https("/serverinfo", NvHttpClient.args()).get("PairStatus")).isEqualTo("1");
        }
    }

    @Test
    void thePinCanComeFromTheCommandLineThroughTheConfigDir() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            NvHttpClient c = t.client(MoonlightIdentity.create("daemon case"));
            Future<MoonlightPairing.Result> f = pool.submit(() -> MoonlightPairing.pair(c, "5678", "roth", false));
            t.awaitWaitingClient();
            assertThat(t.notices).anyMatch(n -> n.contains("gamestream-pin"));
            PinRequestFile.write(dir, "5678"); // what `punktfunk host gamestream-pin 5678` does
            assertThat(PinRequestFile.awaitTaken(dir, java.time.Duration.ofSeconds(10))).isTrue();
            assertThat(f.get().outcome()).isEqualTo(Outcome.PAIRED);
        }
    }

    @Test
    void phasesOutOfOrderAreRefused() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.client(MoonlightIdentity.create("rude"));
            NvHttpClient.Reply r = c.http("/pair", NvHttpClient.args("clientchallenge", "00".repeat(16)));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.get("paired")).isEqualTo("0");
            NvHttpClient.Reply bad = c.http("/pair", NvHttpClient.args("phrase", "getservercert", "salt", "zz",
                    "clientcert", HexFormat.of().formatHex("x".getBytes(StandardCharsets.US_ASCII))));
            assertThat(bad.statusCode()).isEqualTo(400);
            // pairchallenge over plain HTTP is no way around the certificate check
            assertThat(c.http("/pair", NvHttpClient.args("phrase", "pairchallenge")).get("paired")).isEqualTo("0");
            // launch is not even routed on HTTP
            assertThat(c.http("/launch", launchArgs(false)).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void malformedHttpGetsA400AndOthersAreStillServed() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.client(MoonlightIdentity.create("c"));
            byte[] answer = c.rawHttp("GET /serverinfo HTTP/1.1\r\nHost: x\r\nBroken header without colon\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400");
            byte[] garbage = new byte[300];
            new java.util.Random(7).nextBytes(garbage);
            c.rawHttp(garbage);
            assertThat(t.host.nvhttp().malformed()).isGreaterThanOrEqualTo(2);
            assertThat(c.http("/serverinfo", NvHttpClient.args()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void plaintextOrGarbageOnTheTlsPortFailsThatConnectionOnly() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            NvHttpClient raw = new NvHttpClient("127.0.0.1", t.host.httpsPort(), t.host.httpsPort(), c.identity());
            byte[] answer = raw.rawHttp("GET /serverinfo HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("<root");
            byte[] junk = new byte[512];
            new java.util.Random(3).nextBytes(junk);
            junk[0] = 0x16; // looks like a TLS record at first
            raw.rawHttp(junk);
            assertThat(t.host.nvhttp().connectionFailures()).isGreaterThanOrEqualTo(1);
            assertThat(c.https("/serverinfo", NvHttpClient.args()).get("PairStatus")).isEqualTo("1");
        }
    }

    @Test
    void unknownPathsAre404() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            assertThat(c.https("/unpair", NvHttpClient.args()).statusCode()).isEqualTo(404);
            assertThat(c.http("/nothing", NvHttpClient.args()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void storeFileIsPrivateToTheUser() throws Exception {
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            t.pairedClient();
            assertThat(Files.exists(dir.resolve(PairedMoonlightClients.FILE))).isTrue();
            assertThat(Files.getPosixFilePermissions(dir.resolve("gamestream-key.pem")))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    static java.util.Map<String, String> launchArgs(boolean corever) {
        var a = NvHttpClient.args("appid", "1", "mode", "1280x720x60", "additionalStates", "1", "sops", "0",
                "rikey", "00112233445566778899aabbccddeeff", "rikeyid", "-933014792", "localAudioPlayMode", "0",
                "surroundAudioInfo", "196610", "remoteControllersBitmap", "1", "gcmap", "1");
        if (corever) {
            a.put("corever", "1");
        }
        return a;
    }
}
