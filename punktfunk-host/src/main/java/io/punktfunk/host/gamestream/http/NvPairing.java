package io.punktfunk.host.gamestream.http;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * GameStream PIN pairing, host side (reference §2.3): four phases over HTTP and a check over HTTPS.
 * <pre>
 * 1 getservercert(salt, clientcert) ── waits for the PIN on the host ──▶ plaincert
 * 2 clientchallenge      ─▶ AES(key, SHA-256(challenge ‖ serverCertSig ‖ serverSecret) ‖ serverChallenge)
 * 3 serverchallengeresp  ─▶ serverSecret ‖ RSA-SHA256(serverSecret)
 * 4 clientpairingsecret  ─▶ checks SHA-256(serverChallenge ‖ clientCertSig ‖ clientSecret) and the client's
 *                           signature; stores the client certificate
 * 5 HTTPS pairchallenge  ─▶ paired=1 (only with the now-paired certificate)
 * </pre>
 * One ceremony at a time. A phase out of order, a mismatch or a stall ends the ceremony: {@code
 * paired=0}, counted, and the host keeps serving.
 */
final class NvPairing {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A ceremony with no next phase within this is dropped. */
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);

    private final ServerCertificate serverCert;
    private final PairedMoonlightClients store;
    private final PinEntry pins;
    private final Path configDir;
    private final Duration pinTimeout;
    private final Consumer<String> notices;
    final AtomicLong failures = new AtomicLong();
    private Ceremony ceremony;

    /** State between phases. */
    private static final class Ceremony {
        final String uniqueId;
        final String name;
        final X509Certificate clientCert;
        final byte[] key;
        int phase = 1;
        byte[] serverSecret;
        byte[] serverChallenge;
        byte[] clientHash;
        Instant deadline;

        Ceremony(String uniqueId, String name, X509Certificate clientCert, byte[] key) {
            this.uniqueId = uniqueId;
            this.name = name;
            this.clientCert = clientCert;
            this.key = key;
            this.deadline = Instant.now().plus(PHASE_TIMEOUT);
        }
    }

    NvPairing(ServerCertificate serverCert, PairedMoonlightClients store, PinEntry pins, Path configDir, Duration pinTimeout,
              Consumer<String> notices) {
        this.serverCert = serverCert;
        this.store = store;
        this.pins = pins;
        this.configDir = configDir;
        this.pinTimeout = pinTimeout;
        this.notices = notices;
    }

    /** Answers one {@code /pair} request; blocking (phase 1 waits for the PIN), so never on an event loop. */
    NvXml handle(Map<String, String> args, InetAddress from, boolean https, X509Certificate verifiedClient) {
        String uniqueId = args.getOrDefault("uniqueid", "");
        try {
            if ("getservercert".equals(args.get("phrase"))) {
                return phase1(args, uniqueId, from);
            }
            if ("pairchallenge".equals(args.get("phrase"))) {
                // only reachable with a paired certificate: the HTTPS check ran before this
                return https && verifiedClient != null ? NvXml.ok().add("paired", 1) : refuse(400, "pairchallenge needs HTTPS");
            }
            if (args.containsKey("clientchallenge")) {
                return phase2(uniqueId, hex(args.get("clientchallenge"), 16));
            }
            if (args.containsKey("serverchallengeresp")) {
                return phase3(uniqueId, hex(args.get("serverchallengeresp"), 32));
            }
            if (args.containsKey("clientpairingsecret")) {
                return phase4(uniqueId, HexFormat.of().parseHex(args.get("clientpairingsecret")));
            }
            return refuse(400, "unknown pairing phase");
        } catch (IllegalArgumentException e) {
            drop(uniqueId);
            return refuse(400, "bad pairing request: " + e.getMessage());
        }
    }

    private NvXml phase1(Map<String, String> args, String uniqueId, InetAddress from) {
        byte[] salt = hex(args.get("salt"), 16);
        X509Certificate clientCert = parsePemHex(args.get("clientcert"));
        String name = args.getOrDefault("devicename", "moonlight");
        Optional<CompletableFuture<String>> waiting = pins.await(name, from);
        if (waiting.isEmpty()) {
            // an empty plaincert tells Moonlight "pairing already in progress"
            failures.incrementAndGet();
            return NvXml.ok().add("paired", 0);
        }
        notices.accept("gamestream: Moonlight client '" + name + "' at " + from.getHostAddress()
                + " wants to pair; enter the PIN it shows with: punktfunk host gamestream-pin NNNN");
        String pin = awaitPin(waiting.get());
        if (pin == null) {
            failures.incrementAndGet();
            notices.accept("gamestream: no PIN entered within " + pinTimeout.toSeconds() + " s; pairing with '" + name + "' abandoned");
            return refuse(408, "No PIN was entered on the host in time.");
        }
        synchronized (this) {
            ceremony = new Ceremony(uniqueId, name, clientCert, PairingCrypto.pinKey(salt, pin));
        }
        return NvXml.ok().add("paired", 1)
                .add("plaincert", HexFormat.of().formatHex(serverCert.pem().getBytes(StandardCharsets.US_ASCII)));
    }

    private String awaitPin(CompletableFuture<String> f) {
        long deadline = System.nanoTime() + pinTimeout.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                try {
                    return f.get(250, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    PinRequestFile.take(configDir, Instant.now()).ifPresent(pins::deliver);
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return null;
        } finally {
            pins.withdraw(f);
        }
    }

    private synchronized NvXml phase2(String uniqueId, byte[] encryptedChallenge) {
        Ceremony c = expect(uniqueId, 1);
        if (c == null) {
            return outOfOrder();
        }
        byte[] challenge = PairingCrypto.aesEcbDecrypt(c.key, encryptedChallenge);
        c.serverSecret = random16();
        c.serverChallenge = random16();
        byte[] hash = PairingCrypto.sha256(challenge, PairingCrypto.signatureBytes(serverCert.certificate()), c.serverSecret);
        byte[] plain = new byte[48];
        System.arraycopy(hash, 0, plain, 0, 32);
        System.arraycopy(c.serverChallenge, 0, plain, 32, 16);
        advance(c);
        return NvXml.ok().add("paired", 1).add("challengeresponse", HexFormat.of().formatHex(PairingCrypto.aesEcbEncrypt(c.key, plain)));
    }

    private synchronized NvXml phase3(String uniqueId, byte[] encryptedHash) {
        Ceremony c = expect(uniqueId, 2);
        if (c == null) {
            return outOfOrder();
        }
        c.clientHash = PairingCrypto.aesEcbDecrypt(c.key, encryptedHash);
        byte[] signature = PairingCrypto.sign(serverCert.identity().privateKey(), c.serverSecret);
        byte[] secret = new byte[16 + signature.length];
        System.arraycopy(c.serverSecret, 0, secret, 0, 16);
        System.arraycopy(signature, 0, secret, 16, signature.length);
        advance(c);
        return NvXml.ok().add("paired", 1).add("pairingsecret", HexFormat.of().formatHex(secret));
    }

    private NvXml phase4(String uniqueId, byte[] pairingSecret) {
        Ceremony c;
        synchronized (this) {
            c = expect(uniqueId, 3);
            if (c == null) {
                return outOfOrder();
            }
            ceremony = null; // one try: pass or fail, the ceremony is over
        }
        if (pairingSecret.length <= 16) {
            failures.incrementAndGet();
            return refuse(400, "clientpairingsecret too short");
        }
        byte[] clientSecret = Arrays.copyOf(pairingSecret, 16);
        byte[] signature = Arrays.copyOfRange(pairingSecret, 16, pairingSecret.length);
        byte[] expected = PairingCrypto.sha256(c.serverChallenge, PairingCrypto.signatureBytes(c.clientCert), clientSecret);
        boolean hashOk = MessageDigest.isEqual(expected, Arrays.copyOf(c.clientHash, 32));
        boolean signatureOk = PairingCrypto.verify(c.clientCert.getPublicKey(), clientSecret, signature);
        if (!hashOk || !signatureOk) {
            failures.incrementAndGet();
            String why = hashOk ? "bad client signature" : "wrong PIN";
            notices.accept("gamestream: pairing with '" + c.name + "' failed: " + why);
            pins.listener().failed(c.name, why);
            return NvXml.ok().add("paired", 0);
        }
        try {
            PairedMoonlightClients.Client added = store.add(c.clientCert, c.name);
            notices.accept("gamestream: paired Moonlight client '" + c.name + "' (" + added.fingerprint().substring(0, 16) + "…)");
            pins.listener().paired(c.name, added.fingerprint());
        } catch (java.io.IOException e) {
            failures.incrementAndGet();
            return refuse(500, "The host could not store the pairing: " + e.getMessage());
        }
        return NvXml.ok().add("paired", 1);
    }

    /** The ceremony if it belongs to {@code uniqueId} and just finished phase {@code done}; else drops it. */
    private Ceremony expect(String uniqueId, int done) {
        Ceremony c = ceremony;
        if (c != null && Instant.now().isAfter(c.deadline)) {
            ceremony = null;
            c = null;
        }
        if (c == null || !c.uniqueId.equals(uniqueId) || c.phase != done) {
            ceremony = null;
            return null;
        }
        return c;
    }

    private static void advance(Ceremony c) {
        c.phase++;
        c.deadline = Instant.now().plus(PHASE_TIMEOUT);
    }

    private synchronized void drop(String uniqueId) {
        if (ceremony != null && ceremony.uniqueId.equals(uniqueId)) {
            ceremony = null;
        }
    }

    private NvXml outOfOrder() {
        failures.incrementAndGet();
        return NvXml.error(400, "Pairing phase out of order; start pairing again.").add("paired", 0);
    }

    private NvXml refuse(int status, String message) {
        return NvXml.error(status, message).add("paired", 0);
    }

    private static byte[] random16() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] hex(String s, int bytes) {
        if (s == null) {
            throw new IllegalArgumentException("missing argument");
        }
        byte[] b = HexFormat.of().parseHex(s);
        if (b.length != bytes) {
            throw new IllegalArgumentException("expected " + bytes + " bytes, got " + b.length);
        }
        return b;
    }

    private static X509Certificate parsePemHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("missing clientcert");
        }
        try {
            byte[] pem = HexFormat.of().parseHex(hex);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("clientcert is not a PEM certificate");
        }
    }
}
