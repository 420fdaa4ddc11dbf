package io.punktfunk.host.gamestream.client.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of GameStream PIN pairing, written from reference §2.3: phase 1 over HTTP
 * (waits while the user types the PIN on the host), phases 2–4 over HTTP, then pairchallenge over
 * HTTPS with the new certificate. It checks the host as Moonlight does: the hash in phase 2 (a
 * mismatch means a wrong PIN) and the host's RSA signature over its secret.
 */
public final class MoonlightPairing {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a pairing attempt ended. */
    public enum Outcome { PAIRED, WRONG_PIN, HOST_REFUSED, HOST_SIGNATURE_BAD }

    /** The outcome and, once phase 1 passed, the host certificate it sent. */
    public record Result(Outcome outcome, X509Certificate hostCertificate, String detail) {
    }

    private MoonlightPairing() {
    }

    /**
     * Runs the ceremony with {@code pin}. When {@code finishDespiteMismatch} is set, a wrong-PIN
     * client still sends phase 4 (as a confused or hostile client would), so the host's own check is tested.
     */
    public static Result pair(NvHttpClient client, String pin, String deviceName, boolean finishDespiteMismatch) throws Exception {
        MoonlightIdentity id = client.identity();
        byte[] salt = random(16);
        NvHttpClient.Reply r1 = client.http("/pair", NvHttpClient.args("devicename", deviceName, "updateState", "1",
                "phrase", "getservercert", "salt", hex(salt), "clientcert", hex(id.pem().getBytes(StandardCharsets.US_ASCII))));
        if (r1.statusCode() != 200 || !"1".equals(r1.get("paired")) || r1.get("plaincert") == null) {
            return new Result(Outcome.HOST_REFUSED, null, "phase 1: " + r1.text());
        }
        X509Certificate hostCert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(HexFormat.of().parseHex(r1.get("plaincert"))));
        byte[] key = Arrays.copyOf(sha256(salt, pin.getBytes(StandardCharsets.US_ASCII)), 16);

        byte[] clientChallenge = random(16);
        NvHttpClient.Reply r2 = client.http("/pair", NvHttpClient.args("devicename", deviceName, "updateState", "1",
                "clientchallenge", hex(aes(Cipher.ENCRYPT_MODE, key, clientChallenge))));
        if (r2.statusCode() != 200 || !"1".equals(r2.get("paired"))) {
            return new Result(Outcome.HOST_REFUSED, hostCert, "phase 2: " + r2.text());
        }
        byte[] response = aes(Cipher.DECRYPT_MODE, key, HexFormat.of().parseHex(r2.get("challengeresponse")));
        byte[] hostHash = Arrays.copyOf(response, 32);
        byte[] serverChallenge = Arrays.copyOfRange(response, 32, 48);

        byte[] clientSecret = random(16);
        byte[] clientHash = sha256(serverChallenge, id.certificate().getSignature(), clientSecret);
        NvHttpClient.Reply r3 = client.http("/pair", NvHttpClient.args("devicename", deviceName, "updateState", "1",
                "serverchallengeresp", hex(aes(Cipher.ENCRYPT_MODE, key, clientHash))));
        if (r3.statusCode() != 200 || !"1".equals(r3.get("paired"))) {
            return new Result(Outcome.HOST_REFUSED, hostCert, "phase 3: " + r3.text());
        }
        byte[] pairingSecret = HexFormat.of().parseHex(r3.get("pairingsecret"));
        byte[] serverSecret = Arrays.copyOf(pairingSecret, 16);
        byte[] serverSig = Arrays.copyOfRange(pairingSecret, 16, pairingSecret.length);
        boolean pinMatches = MessageDigest.isEqual(hostHash, sha256(clientChallenge, hostCert.getSignature(), serverSecret));
        if (!pinMatches && !finishDespiteMismatch) {
            client.http("/unpair", NvHttpClient.args());
            return new Result(Outcome.WRONG_PIN, hostCert, "host hash does not match: wrong PIN");
        }
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(hostCert.getPublicKey());
        v.update(serverSecret);
        if (!v.verify(serverSig)) {
            return new Result(Outcome.HOST_SIGNATURE_BAD, hostCert, "host signature over its secret is bad");
        }

        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(id.key());
        s.update(clientSecret);
        byte[] sig = s.sign();
        byte[] secret = new byte[16 + sig.length];
        System.arraycopy(clientSecret, 0, secret, 0, 16);
        System.arraycopy(sig, 0, secret, 16, sig.length);
        NvHttpClient.Reply r4 = client.http("/pair", NvHttpClient.args("devicename", deviceName, "updateState", "1",
                "clientpairingsecret", hex(secret)));
        if (r4.statusCode() != 200 || !"1".equals(r4.get("paired"))) {
            return new Result(pinMatches ? Outcome.HOST_REFUSED : Outcome.WRONG_PIN, hostCert, "phase 4: " + r4.text());
        }
        client.pin(hostCert);
        NvHttpClient.Reply r5 = client.https("/pair", NvHttpClient.args("devicename", deviceName, "updateState", "1",
                "phrase", "pairchallenge"));
        if (r5.statusCode() != 200 || !"1".equals(r5.get("paired"))) {
            return new Result(Outcome.HOST_REFUSED, hostCert, "pairchallenge: " + r5.text());
        }
        return new Result(Outcome.PAIRED, hostCert, "paired");
    }

    static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    static byte[] aes(int mode, byte[] key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"));
        return c.doFinal(data);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
