package io.punktfunk.host.gamestream.client.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The HTTP side of a Moonlight client, written from the reference (§2): GET with query arguments,
 * one request per connection, XML answers whose {@code <root status_code>} decides. Over HTTPS it
 * presents its certificate and pins the host's (the {@code plaincert} of pairing) the way
 * moonlight-qt does: any other server certificate fails the request.
 */
public final class NvHttpClient {
    private final String host;
    private final int httpPort;
    private final int httpsPort;
    private final MoonlightIdentity identity;
    private volatile X509Certificate pinnedServer;
    private volatile X509Certificate lastServerCert;

    public NvHttpClient(String host, int httpPort, int httpsPort, MoonlightIdentity identity) {
        this.host = host;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.identity = identity;
    }

    /** An answer: the HTTP status and the body. */
    public record Reply(int httpStatus, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** {@code status_code} of {@code <root>}. */
        public int statusCode() {
            return Integer.parseInt(root().getAttribute("status_code"));
        }

        /** Text of the first element {@code tag}, or null. */
        public String get(String tag) {
            NodeList n = root().getElementsByTagName(tag);
            return n.getLength() == 0 ? null : n.item(0).getTextContent();
        }

        public Element root() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
                return d.getDocumentElement();
            } catch (Exception e) {
                throw new IllegalStateException("not XML: " + text(), e);
            }
        }
    }

    public MoonlightIdentity identity() {
        return identity;
    }

    /** Pins the server certificate HTTPS must present (after pairing phase 1). */
    public void pin(X509Certificate cert) {
        this.pinnedServer = cert;
    }

    /** The certificate the server presented on the last HTTPS request. */
    public X509Certificate lastServerCertificate() {
        return lastServerCert;
    }

    public Reply http(String path, Map<String, String> args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, httpPort), 5000);
            s.setSoTimeout(180_000);
            return exchange(s, path, args);
        }
    }

    public Reply https(String path, Map<String, String> args) throws IOException {
        try (SSLSocket s = (SSLSocket) tls().getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(host, httpsPort), 5000);
            s.setSoTimeout(30_000);
            s.startHandshake();
            lastServerCert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            return exchange(s, path, args);
        }
    }

    /** Sends raw bytes to the HTTP port and returns whatever comes back until close (bad-input tests). */
    public byte[] rawHttp(byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, httpPort), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return s.getInputStream().readAllBytes();
        }
    }

    /** Common query arguments every Moonlight request carries (moonlight-qt's placeholder id). */
    public static Map<String, String> args(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("uniqueid", "0123456789ABCDEF");
        m.put("uuid", java.util.UUID.randomUUID().toString());
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private Reply exchange(Socket s, String path, Map<String, String> args) throws IOException {
        StringJoiner q = new StringJoiner("&");
        args.forEach((k, v) -> q.add(k + "=" + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String req = "GET " + path + (args.isEmpty() ? "" : "?" + q) + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(req.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return parseResponse(s.getInputStream());
    }

    private static Reply parseResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response headers: " + head);
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        for (String l : lines) {
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(l.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    break;
                }
                b.write(in.readNBytes(n));
                readLine(in);
            }
            body = b.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes(length);
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, body);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private SSLContext tls() throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", identity.key(), new char[0], new Certificate[] {identity.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {new PinningTrustManager()}, null);
            return ctx;
        } catch (Exception e) {
            throw new IOException("client TLS set-up failed", e);
        }
    }

    /** Trusts exactly the pinned certificate; before pairing (nothing pinned) anything, like a first contact. */
    private final class PinningTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            X509Certificate pinned = pinnedServer;
            if (pinned != null && !pinned.equals(chain[0])) {
                throw new java.security.cert.CertificateException("host certificate differs from the one pinned at pairing");
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
