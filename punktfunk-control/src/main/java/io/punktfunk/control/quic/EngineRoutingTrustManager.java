package io.punktfunk.control.quic;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets one client TLS context (building one costs 10–40 ms) serve every connection while each
 * connection keeps its own pin: the engine of each connection is registered with its
 * {@link HostCertificateVerifier}, and a check for an unregistered engine fails closed.
 */
final class EngineRoutingTrustManager extends X509ExtendedTrustManager {
    private final ConcurrentHashMap<SSLEngine, HostCertificateVerifier> verifiers = new ConcurrentHashMap<>();

    void register(SSLEngine engine, HostCertificateVerifier verifier) {
        verifiers.put(engine, verifier);
    }

    void unregister(SSLEngine engine) {
        verifiers.remove(engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        HostCertificateVerifier v = engine == null ? null : verifiers.get(engine);
        if (v == null) {
            throw new CertificateException("no pin registered for this connection");
        }
        v.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("QUIC connections verify through their engine");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("QUIC connections verify through their engine");
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
