package io.punktfunk.control.quic;

import io.punktfunk.control.identity.Fingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client-side trust: the host's leaf certificate must have the pinned SHA-256 fingerprint. Without a
 * pin (first contact for pairing) any certificate is accepted and only recorded; the PIN ceremony
 * then proves the host and this exact certificate before the fingerprint is pinned. One instance
 * per connection, so {@link #observed()} belongs to that connection.
 */
final class HostCertificateVerifier extends X509ExtendedTrustManager {
    private final Fingerprint pinned;
    private volatile Fingerprint observed;

    HostCertificateVerifier(Fingerprint pinnedOrNull) {
        this.pinned = pinnedOrNull;
    }

    /** Fingerprint the host presented (null before the TLS handshake). */
    Fingerprint observed() {
        return observed;
    }

    /** True when a pin was given and the host presented something else. */
    boolean mismatched() {
        return pinned != null && observed != null && !pinned.equals(observed);
    }

    Fingerprint pinned() {
        return pinned;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("host presented no certificate");
        }
        Fingerprint fp = Fingerprint.of(chain[0]);
        observed = fp;
        if (pinned != null && !pinned.equals(fp)) {
            throw new CertificateException("host fingerprint mismatch: pinned " + pinned.shortHex() + "…, host presented "
                    + fp.shortHex() + "…");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
