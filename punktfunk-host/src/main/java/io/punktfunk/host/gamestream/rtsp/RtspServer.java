package io.punktfunk.host.gamestream.rtsp;

import io.punktfunk.host.gamestream.GameStreamSessions;
import io.punktfunk.host.gamestream.LaunchSession;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP listener (TCP 48010): one request per connection, answered and closed (reference §3.1).
 * Each connection runs on a virtual thread with a read deadline. Only a launched session is
 * served; its launch decided whether RTSP is plaintext or {@code rtspenc}, and the other form is
 * refused. Bad input is counted and answered 400 (or the connection closed when no answer can be
 * authenticated); other sessions and later connections are unaffected.
 */
public final class RtspServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    /** A client has this long to send its request. */
    private static final int READ_TIMEOUT_MS = 10_000;
    /** Connections served at once; more are closed at once (a client needs one at a time). */
    private static final int MAX_CONNECTIONS = 32;

    private final ServerSocket socket;
    private final GameStreamSessions sessions;
    private final RtspHandler handler;
    private final Thread acceptor;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final java.util.concurrent.Semaphore connections = new java.util.concurrent.Semaphore(MAX_CONNECTIONS);
    private volatile boolean closed;

    /** Binds {@code bind:port} (0 = ephemeral) and starts accepting. */
    public RtspServer(String bind, int port, GameStreamSessions sessions, int defaultFecPercent) throws IOException {
        this.sessions = sessions;
        this.handler = new RtspHandler(sessions, defaultFecPercent);
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(bind), port), 16);
        this.acceptor = Thread.ofPlatform().daemon().name("gamestream-rtsp-accept").start(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Requests answered 200. */
    public long served() {
        return served.get();
    }

    /** Requests that were not valid RTSP or rtspenc. */
    public long malformed() {
        return malformed.get();
    }

    /** Connections refused: no launch, or the wrong form (plaintext vs encrypted). */
    public long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket c = socket.accept();
                if (!connections.tryAcquire()) {
                    refused.incrementAndGet();
                    c.close();
                    continue;
                }
                Thread.ofVirtual().name("gamestream-rtsp").start(() -> {
                    try {
                        serve(c);
                    } finally {
                        connections.release();
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("rtsp accept failed", e);
                }
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            c.setSoTimeout(READ_TIMEOUT_MS);
            c.setTcpNoDelay(true);
            Optional<LaunchSession> current = sessions.current();
            if (current.isEmpty()) {
                refused.incrementAndGet();
                return; // Sunshine's behaviour too: no launch, no RTSP
            }
            LaunchSession s = current.get();
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            int first = in.read();
            if (first < 0) {
                return;
            }
            boolean encrypted = (first & 0x80) != 0;
            if (encrypted != s.rtspEncrypted()) {
                refused.incrementAndGet();
                if (!encrypted) {
                    out.write(new RtspResponse(403, "Forbidden", "0")
                            .header("X-Punktfunk-Reason", "this launch uses encrypted RTSP (rtspenc)").bytes());
                }
                return;
            }
            if (encrypted) {
                serveEncrypted(first, in, out, s);
            } else {
                servePlain(first, in, out, s);
            }
            c.shutdownOutput();
        } catch (SocketTimeoutException e) {
            malformed.incrementAndGet();
            LOG.debug("rtsp: {} sent no complete request within {} ms", c.getRemoteSocketAddress(), READ_TIMEOUT_MS);
        } catch (IOException e) {
            LOG.debug("rtsp: connection from {} failed: {}", c.getRemoteSocketAddress(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("rtsp: request from {} failed", c.getRemoteSocketAddress(), e);
        }
    }

    private void servePlain(int first, InputStream in, OutputStream out, LaunchSession s) throws IOException {
        RtspRequest r;
        try {
            r = RtspRequest.parse(readPlain(first, in));
        } catch (RtspProtocolException e) {
            malformed.incrementAndGet();
            out.write(new RtspResponse(400, "Bad Request", "0").header("X-Punktfunk-Reason", e.getMessage()).bytes());
            return;
        }
        RtspResponse resp = handler.handle(r, s);
        count(resp);
        out.write(resp.bytes());
    }

    private void serveEncrypted(int first, InputStream in, OutputStream out, LaunchSession s) throws IOException {
        byte[] header = new byte[RtspEncryption.HEADER_BYTES];
        header[0] = (byte) first;
        readFully(in, header, 1, header.length - 1);
        int length = RtspEncryption.length(header);
        if (length <= 0 || length > RtspRequest.MAX_BYTES) {
            malformed.incrementAndGet();
            return; // cannot answer: nothing authentic to answer to
        }
        byte[] ciphertext = new byte[length];
        readFully(in, ciphertext, 0, length);
        byte[] key = s.rikey();
        byte[] plain;
        try {
            plain = RtspEncryption.open(key, header, ciphertext, false);
            if (!s.acceptClientRtspSeq(RtspEncryption.sequence(header))) {
                throw new RtspProtocolException("rtspenc sequence number replayed");
            }
        } catch (RtspProtocolException e) {
            // not provably from the launch's client: drop it, the session goes on
            malformed.incrementAndGet();
            LOG.info("rtsp: dropped an encrypted request: {}", e.getMessage());
            return;
        }
        RtspRequest r;
        try {
            r = RtspRequest.parse(plain);
        } catch (RtspProtocolException e) {
            // authentic but broken: the client is confused, so its session ends with the reason
            malformed.incrementAndGet();
            sessions.end(s, "malformed RTSP request: " + e.getMessage());
            out.write(RtspEncryption.seal(key, s.nextHostRtspSeq(), true,
                    new RtspResponse(400, "Bad Request", "0").header("X-Punktfunk-Reason", e.getMessage()).bytes()));
            return;
        }
        RtspResponse resp = handler.handle(r, s);
        count(resp);
        out.write(RtspEncryption.seal(key, s.nextHostRtspSeq(), true, resp.bytes()));
    }

    private void count(RtspResponse resp) {
        if (resp.status() == 200) {
            served.incrementAndGet();
        } else {
            refused.incrementAndGet();
        }
    }

    /** Reads headers up to the blank line, then the body Content-Length announces. */
    private static byte[] readPlain(int first, InputStream in) throws IOException, RtspProtocolException {
        byte[] buf = new byte[4096];
        buf[0] = (byte) first;
        int len = 1;
        int end;
        while ((end = RtspRequest.headerEnd(buf, len)) < 0) {
            if (len == RtspRequest.MAX_BYTES) {
                throw new RtspProtocolException("request headers exceed " + RtspRequest.MAX_BYTES + " bytes");
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, RtspRequest.MAX_BYTES));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                throw new RtspProtocolException("connection closed inside the request headers");
            }
            len += n;
        }
        int bodyLength = bodyLength(buf, end);
        int total = end + bodyLength;
        if (total > RtspRequest.MAX_BYTES) {
            throw new RtspProtocolException("request exceeds " + RtspRequest.MAX_BYTES + " bytes");
        }
        if (buf.length < total) {
            buf = Arrays.copyOf(buf, total);
        }
        if (len < total) {
            readFully(in, buf, len, total - len);
        }
        return Arrays.copyOf(buf, total); // bytes past the body (a second request) are ignored: one per connection
    }

    private static int bodyLength(byte[] buf, int headerEnd) throws RtspProtocolException {
        String head = new String(buf, 0, headerEnd, java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.Map<String, String> h = new java.util.HashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return RtspRequest.contentLength(h);
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("connection closed after " + done + " of " + len + " bytes");
            }
            done += n;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing rtsp socket", e);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
