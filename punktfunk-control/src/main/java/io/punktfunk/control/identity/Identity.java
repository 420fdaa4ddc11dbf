package io.punktfunk.control.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A persistent TLS identity: a self-signed ECDSA P-256 certificate and its private key, stored as
 * {@code <name>-cert.pem} and {@code <name>-key.pem} (PKCS#8, mode 0600) in the config dir.
 * The host uses {@link #HOST_FILES}, clients {@link #CLIENT_FILES}, so both can share one dir.
 */
public record Identity(PrivateKey privateKey, X509Certificate certificate, Fingerprint fingerprint) {
    /** File stem of the host identity ({@code native-cert.pem}, {@code native-key.pem}, as the Rust host). */
    public static final String HOST_FILES = "native";
    /** File stem of the client identity. */
    public static final String CLIENT_FILES = "client";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** An identity for an in-memory key and certificate. */
    public Identity(PrivateKey privateKey, X509Certificate certificate) {
        this(privateKey, certificate, Fingerprint.of(certificate));
    }

    /** Path of the certificate file for stem {@code name} in {@code dir}. */
    public static Path certFile(Path dir, String name) {
        return dir.resolve(name + "-cert.pem");
    }

    /** Path of the key file for stem {@code name} in {@code dir}. */
    public static Path keyFile(Path dir, String name) {
        return dir.resolve(name + "-key.pem");
    }

    /**
     * Loads the identity {@code name} from {@code dir}, creating it (and the dir) on first use.
     * A half-written pair (only one of the two files) is an error, never silently replaced:
     * replacing it would change the fingerprint every peer has pinned.
     */
    public static Identity loadOrCreate(Path dir, String name, String commonName) throws IOException {
        Path cert = certFile(dir, name);
        Path key = keyFile(dir, name);
        boolean haveCert = Files.exists(cert);
        boolean haveKey = Files.exists(key);
        if (haveCert && haveKey) {
            return load(dir, name);
        }
        if (haveCert || haveKey) {
            throw new IOException("identity '" + name + "' in " + dir + " is incomplete (" + (haveCert ? key : cert)
                    + " is missing); restore it or delete both files to create a new identity");
        }
        ConfigDir.ensure(dir);
        Identity fresh = SelfSignedCertificates.generate(commonName);
        fresh.store(dir, name);
        return fresh;
    }

    /** Loads an existing identity; tightens a key file readable by others back to 0600. */
    public static Identity load(Path dir, String name) throws IOException {
        Path keyPath = keyFile(dir, name);
        if (isPosix(keyPath) && !Files.getPosixFilePermissions(keyPath).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(keyPath, OWNER_ONLY);
        }
        try (Reader certIn = Files.newBufferedReader(certFile(dir, name), StandardCharsets.US_ASCII);
             Reader keyIn = Files.newBufferedReader(keyPath, StandardCharsets.US_ASCII);
             PEMParser certPem = new PEMParser(certIn);
             PEMParser keyPem = new PEMParser(keyIn)) {
            Object certObject = certPem.readObject();
            Object keyObject = keyPem.readObject();
            if (!(certObject instanceof X509CertificateHolder holder)) {
                throw new IOException(certFile(dir, name) + " holds no certificate");
            }
            if (!(keyObject instanceof PrivateKeyInfo info)) {
                throw new IOException(keyPath + " holds no PKCS#8 private key");
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
            return new Identity(key, certificate);
        } catch (CertificateException e) {
            throw new IOException("cannot read certificate " + certFile(dir, name) + ": " + e.getMessage(), e);
        }
    }

    /** Writes both files; the key goes through a 0600 temp file and an atomic move so it is never world-readable. */
    public void store(Path dir, String name) throws IOException {
        ConfigDir.ensure(dir);
        StringWriter keyPem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(keyPem)) {
            w.writeObject(new JcaPKCS8Generator(privateKey, null));
        }
        StringWriter certPem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(certPem)) {
            w.writeObject(certificate);
        }
        writeAtomically(keyFile(dir, name), keyPem.toString(), true);
        writeAtomically(certFile(dir, name), certPem.toString(), false);
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = isPosix(dir) && secret
                ? Files.createTempFile(dir, ".tmp-", ".pem", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".tmp-", ".pem");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                w.write(content);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
