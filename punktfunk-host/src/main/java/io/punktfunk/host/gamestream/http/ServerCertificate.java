package io.punktfunk.host.gamestream.http;

import io.punktfunk.control.identity.ConfigDir;
import io.punktfunk.control.identity.Identity;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The host's GameStream certificate: self-signed RSA-2048 with SHA-256 (what Moonlight expects;
 * reference §2.2), its own identity next to the punktfunk/1 one, kept in the config dir as
 * {@code gamestream-cert.pem} / {@code gamestream-key.pem}. Clients pin it at pairing, so it is
 * created once and never replaced.
 */
public final class ServerCertificate {
    /** File stem in the config dir. */
    public static final String FILES = "gamestream";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Identity identity;
    private final String pem;

    private ServerCertificate(Identity identity) throws IOException {
        this.identity = identity;
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(identity.certificate());
        }
        this.pem = w.toString();
    }

    /** Loads the certificate from {@code dir}, creating it on first use. */
    public static ServerCertificate loadOrCreate(Path dir) throws IOException {
        boolean haveCert = Files.exists(Identity.certFile(dir, FILES));
        boolean haveKey = Files.exists(Identity.keyFile(dir, FILES));
        if (haveCert && haveKey) {
            return new ServerCertificate(Identity.load(dir, FILES));
        }
        if (haveCert || haveKey) {
            throw new IOException("the GameStream certificate in " + dir + " is incomplete; restore "
                    + Identity.certFile(dir, FILES).getFileName() + " and " + Identity.keyFile(dir, FILES).getFileName()
                    + " or delete both (every Moonlight client must then pair again)");
        }
        ConfigDir.ensure(dir);
        Identity fresh = generate();
        fresh.store(dir, FILES);
        return new ServerCertificate(fresh);
    }

    /** A fresh RSA-2048 self-signed certificate, valid 20 years. */
    static Identity generate() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
            kpg.initialize(2048, RANDOM);
            KeyPair pair = kpg.generateKeyPair();
            X500Name subject = new X500Name("CN=punktfunk GameStream host");
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).minusDays(1);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    subject, new BigInteger(159, RANDOM), Date.from(now.toInstant()), Date.from(now.plusYears(20).toInstant()),
                    subject, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new Identity(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the GameStream RSA certificate", e);
        }
    }

    public Identity identity() {
        return identity;
    }

    public X509Certificate certificate() {
        return identity.certificate();
    }

    /** The certificate as PEM text: pairing phase 1 sends it hex-encoded as {@code plaincert}. */
    public String pem() {
        return pem;
    }

    /** A key manager factory that presents this certificate on HTTPS. */
    public KeyManagerFactory keyManagerFactory() {
        try {
            char[] pass = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("gamestream", identity.privateKey(), pass, new Certificate[] {identity.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the GameStream certificate into a key manager", e);
        }
    }
}
