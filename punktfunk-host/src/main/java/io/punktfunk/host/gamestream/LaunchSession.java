package io.punktfunk.host.gamestream;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One GameStream launch from /launch to its end: the keys and ids the client got (reference §2.7,
 * §4) and, after RTSP ANNOUNCE, the stream parameters. State changes go through
 * {@link GameStreamSessions}, which holds the lock.
 */
public final class LaunchSession {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long id;
    private final AppList.App app;
    private final LaunchRequest request;
    private final String clientFingerprint;
    private final InetAddress clientAddress;
    private final boolean rtspEncrypted;
    private final String pingPayload;
    private final int connectData;
    private final String rtspSessionId;
    private volatile SessionState state = SessionState.LAUNCHED;
    private volatile StreamParameters parameters;
    private volatile String endReason;
    private volatile StreamLauncher.Streams streams;
    /** Highest RTSP request sequence seen on rtspenc (replayed or reordered messages are refused). */
    private long lastClientRtspSeq;
    /** The host's rtspenc sequence: one counter across the launch, so no GCM nonce repeats under rikey. */
    private long hostRtspSeq;

    LaunchSession(long id, AppList.App app, LaunchRequest request, String clientFingerprint, InetAddress clientAddress,
                  boolean rtspEncrypted) {
        this.id = id;
        this.app = app;
        this.request = request;
        this.clientFingerprint = clientFingerprint;
        this.clientAddress = clientAddress;
        this.rtspEncrypted = rtspEncrypted;
        byte[] ping = new byte[8];
        RANDOM.nextBytes(ping);
        this.pingPayload = HexFormat.of().withUpperCase().formatHex(ping);
        this.connectData = RANDOM.nextInt();
        byte[] sid = new byte[6];
        RANDOM.nextBytes(sid);
        this.rtspSessionId = HexFormat.of().withUpperCase().formatHex(sid);
    }

    public long id() {
        return id;
    }

    public AppList.App app() {
        return app;
    }

    public LaunchRequest request() {
        return request;
    }

    /** The 16-byte session key. */
    public byte[] rikey() {
        return request.rikey().clone();
    }

    /** The audio IV base, as the signed int32 the client sent. */
    public int rikeyId() {
        return request.rikeyId();
    }

    /** SHA-256 fingerprint (hex) of the paired certificate that launched this. */
    public String clientFingerprint() {
        return clientFingerprint;
    }

    public InetAddress clientAddress() {
        return clientAddress;
    }

    /** True when /launch answered {@code rtspenc://}: RTSP must be encrypted. */
    public boolean rtspEncrypted() {
        return rtspEncrypted;
    }

    /** 16 ASCII characters the client's video and audio pings start with ({@code X-SS-Ping-Payload}). */
    public String pingPayload() {
        return pingPayload;
    }

    /** The ENet CONNECT data that binds the control peer to this launch ({@code X-SS-Connect-Data}, unsigned on the wire). */
    public int connectData() {
        return connectData;
    }

    /** The RTSP {@code Session} token. */
    public String rtspSessionId() {
        return rtspSessionId;
    }

    public SessionState state() {
        return state;
    }

    /** Null before ANNOUNCE. */
    public StreamParameters parameters() {
        return parameters;
    }

    /** Why the session ended; null while it runs. */
    public String endReason() {
        return endReason;
    }

    /** The session's UDP streams (bound at launch); null only while the launch is being set up. */
    public StreamLauncher.Streams streams() {
        return streams;
    }

    void streams(StreamLauncher.Streams s) {
        streams = s;
    }

    void state(SessionState s) {
        state = s;
    }

    void parameters(StreamParameters p) {
        parameters = p;
    }

    void endReason(String r) {
        endReason = r;
    }

    /** Accepts an rtspenc request sequence number only if it is newer than every one before. */
    public synchronized boolean acceptClientRtspSeq(long seq) {
        if (seq <= lastClientRtspSeq) {
            return false;
        }
        lastClientRtspSeq = seq;
        return true;
    }

    /** The next host rtspenc sequence number (from 1). */
    public synchronized long nextHostRtspSeq() {
        return ++hostRtspSeq;
    }

    @Override
    public String toString() {
        return "gamestream session " + id + " (" + app.title() + ", " + state + ")";
    }
}
