package io.punktfunk.core.session;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.frame.FecConfig;
import io.punktfunk.core.frame.ReassemblerLimits;
import io.punktfunk.core.pacing.PacingConfig;
import io.punktfunk.core.transport.UdpTransportConfig;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Everything one data-plane session needs, host or client side (both ends build it from the same
 * handshake result); fluent, validated by {@link #conclude()} before any thread starts.
 *
 * <p>The host seals with {@link io.punktfunk.core.crypto.Direction#HOST_TO_CLIENT} of {@link #keys()}
 * and the client opens with it; {@code CLIENT_TO_HOST} is reserved for the client's media (none yet).
 */
public final class SessionConfig {

    /** 1408-byte shards: 1454-byte datagrams fit a 1500 MTU with IPv6 + UDP headers (reference §1.8). */
    public static final int DEFAULT_SHARD_BYTES = 1408;
    /** 16 MiB frames: a 4K intra frame at very high bitrate still fits. */
    public static final long DEFAULT_MAX_FRAME_BYTES = 16L << 20;
    /** 20 Mbit/s, the host's default stream bitrate; only pacing uses it. */
    public static final long DEFAULT_BITRATE_BPS = 20_000_000L;
    /** 60 fps. */
    public static final int DEFAULT_FPS = 60;
    /** 3 frames between encoder and send thread (the Rust host's {@code sync_channel(3)}, reference §1.13). */
    public static final int DEFAULT_SEND_QUEUE_FRAMES = 3;
    /** 8 completed frames waiting for {@code pollFrame}: ~130 ms at 60 fps before the client drops. */
    public static final int DEFAULT_RECEIVE_QUEUE_FRAMES = 8;

    private InetSocketAddress localAddress = new InetSocketAddress("0.0.0.0", 0);
    private InetSocketAddress peerAddress;
    private FecConfig fec = FecConfig.defaults();
    private int shardBytes = DEFAULT_SHARD_BYTES;
    private long maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private MediaKeys keys;
    private long bitrateBps = DEFAULT_BITRATE_BPS;
    private int fps = DEFAULT_FPS;
    private PacingConfig pacing = new PacingConfig();
    private int sendQueueFrames = DEFAULT_SEND_QUEUE_FRAMES;
    private int receiveQueueFrames = DEFAULT_RECEIVE_QUEUE_FRAMES;
    private ThreadingMode threadingMode = ThreadingMode.DEDICATED;
    private boolean gso = true;
    private boolean gro = true;
    private int socketBufferBytes = UdpTransportConfig.DEFAULT_SOCKET_BUFFER_BYTES;
    private UdpTransportConfig.Backend backend = UdpTransportConfig.Backend.AUTO;
    private String name = "session";
    private boolean learnPeer;
    private long rekeyIntervalPackets = io.punktfunk.core.crypto.PacketSealer.DEFAULT_REKEY_INTERVAL_PACKETS;
    private long keyOverlapNs = io.punktfunk.core.crypto.PacketOpener.DEFAULT_KEY_OVERLAP_NS;

    /** Local UDP address to bind (port 0 = any); the client's media port or the host's source port. */
    public SessionConfig localAddress(InetSocketAddress address) {
        this.localAddress = address;
        return this;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The other end's media address. Required on the host (where frames go). Optional on the client:
     * if set, the client's socket is connected to it and the kernel discards datagrams from anyone else.
     */
    public SessionConfig peerAddress(InetSocketAddress address) {
        this.peerAddress = address;
        return this;
    }

    public InetSocketAddress peerAddress() {
        return peerAddress;
    }

    /** Negotiated FEC: scheme, starting parity percentage, K. */
    public SessionConfig fec(FecConfig fec) {
        this.fec = fec;
        return this;
    }

    public FecConfig fec() {
        return fec;
    }

    /** Shard payload per datagram (even for GF(2^16)). */
    public SessionConfig shardBytes(int bytes) {
        this.shardBytes = bytes;
        return this;
    }

    public int shardBytes() {
        return shardBytes;
    }

    /** Largest frame the host may submit and the client accepts. */
    public SessionConfig maxFrameBytes(long bytes) {
        this.maxFrameBytes = bytes;
        return this;
    }

    public long maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Media keys from the handshake; both directions live in one {@link MediaKeys}. */
    public SessionConfig keys(MediaKeys keys) {
        this.keys = keys;
        return this;
    }

    public MediaKeys keys() {
        return keys;
    }

    /** Stream bitrate in bit/s: the pacer's rate is a multiple of it (≤ 0 = deadline-only pacing). */
    public SessionConfig bitrateBps(long bps) {
        this.bitrateBps = bps;
        return this;
    }

    public long bitrateBps() {
        return bitrateBps;
    }

    /** Frames per second: the pacer spreads at most two frame intervals. */
    public SessionConfig fps(int fps) {
        this.fps = fps;
        return this;
    }

    public int fps() {
        return fps;
    }

    /** Send pacing; {@code new PacingConfig().enabled(false)} sends every frame in one burst. */
    public SessionConfig pacing(PacingConfig pacing) {
        this.pacing = pacing;
        return this;
    }

    public PacingConfig pacing() {
        return pacing;
    }

    /** Frames the host queues between {@code submitFrame} and the send thread; a full queue drops the new frame. */
    public SessionConfig sendQueueFrames(int frames) {
        this.sendQueueFrames = frames;
        return this;
    }

    public int sendQueueFrames() {
        return sendQueueFrames;
    }

    /** Completed frames the client holds for {@code pollFrame}; when full, new frames are dropped and reported lost. */
    public SessionConfig receiveQueueFrames(int frames) {
        this.receiveQueueFrames = frames;
        return this;
    }

    public int receiveQueueFrames() {
        return receiveQueueFrames;
    }

    /**
     * Packets the sender seals under one key before it moves to the next epoch (default 2^22, half
     * the AES-GCM limit; tests and the soak set it low to see many key updates). The receiver follows
     * one epoch at a time on packets it opens, so an interval must exceed the longest run of packets
     * it may skip unopened (a complete block's parity, m ≤ 0.9 K, plus losses); 2^22 does by far.
     */
    public SessionConfig rekeyIntervalPackets(long packets) {
        this.rekeyIntervalPackets = packets;
        return this;
    }

    public long rekeyIntervalPackets() {
        return rekeyIntervalPackets;
    }

    /**
     * How long the receiver still accepts the previous epoch's key after a key update (default 1 s:
     * well past the 120 ms loss window and the ~360 ms replay window at 2 Gbit/s).
     */
    public SessionConfig keyOverlapNs(long ns) {
        this.keyOverlapNs = ns;
        return this;
    }

    public long keyOverlapNs() {
        return keyOverlapNs;
    }

    /**
     * Host: learn the client's address from its first authentic hello instead of sending to
     * {@link #peerAddress()} or the transport's one peer (implied by {@code HostMediaSession.open}
     * without a peer address). Frames wait in the send queue until the address is known.
     */
    public SessionConfig learnPeer(boolean learn) {
        this.learnPeer = learn;
        return this;
    }

    public boolean learnPeer() {
        return learnPeer;
    }

    /** Dedicated thread (default) or caller-driven {@code doWork()}. */
    public SessionConfig threadingMode(ThreadingMode mode) {
        this.threadingMode = mode;
        return this;
    }

    public ThreadingMode threadingMode() {
        return threadingMode;
    }

    /** UDP GSO on the host's sends (default on; switches itself off if the kernel refuses). */
    public SessionConfig gso(boolean on) {
        this.gso = on;
        return this;
    }

    public boolean gso() {
        return gso;
    }

    /** UDP GRO on the client's receives (default on). */
    public SessionConfig gro(boolean on) {
        this.gro = on;
        return this;
    }

    public boolean gro() {
        return gro;
    }

    /** SO_SNDBUF/SO_RCVBUF to ask for. */
    public SessionConfig socketBufferBytes(int bytes) {
        this.socketBufferBytes = bytes;
        return this;
    }

    public int socketBufferBytes() {
        return socketBufferBytes;
    }

    /** UDP backend for {@code open}. */
    public SessionConfig backend(UdpTransportConfig.Backend backend) {
        this.backend = backend;
        return this;
    }

    public UdpTransportConfig.Backend backend() {
        return backend;
    }

    /** Name for threads and the PERF log line. */
    public SessionConfig name(String name) {
        this.name = name;
        return this;
    }

    public String name() {
        return name;
    }

    /** Validates everything; sessions call it before they start. */
    public SessionConfig conclude() {
        Objects.requireNonNull(fec, "fec config must be set");
        Objects.requireNonNull(keys, "media keys must be set");
        Objects.requireNonNull(pacing, "pacing config must be set");
        Objects.requireNonNull(threadingMode, "threading mode must be set");
        Objects.requireNonNull(localAddress, "local address must be set");
        Objects.requireNonNull(backend, "backend must be set");
        ReassemblerLimits.from(fec, shardBytes, maxFrameBytes); // throws on a shard size or frame size the wire cannot carry
        if (fps < 1 || fps > 1000) {
            throw new IllegalArgumentException("fps must be 1..1000: " + fps);
        }
        if (sendQueueFrames < 1 || sendQueueFrames > 1024) {
            throw new IllegalArgumentException("send queue must hold 1..1024 frames: " + sendQueueFrames);
        }
        if (rekeyIntervalPackets < 1 || rekeyIntervalPackets > 1L << 23) {
            throw new IllegalArgumentException("rekey interval must be 1..2^23 packets: " + rekeyIntervalPackets);
        }
        if (keyOverlapNs < 0) {
            throw new IllegalArgumentException("key overlap must be ≥ 0: " + keyOverlapNs);
        }
        if (receiveQueueFrames < 1 || receiveQueueFrames > 1024) {
            throw new IllegalArgumentException("receive queue must hold 1..1024 frames: " + receiveQueueFrames);
        }
        return this;
    }

    /** The UDP socket settings of this session: bound to {@link #localAddress()}, connected to the peer if asked. */
    public UdpTransportConfig transportConfig(boolean connect) {
        return new UdpTransportConfig()
                .bindAddress(localAddress)
                .connectAddress(connect ? peerAddress : null)
                .gso(gso)
                .gro(gro)
                .socketBufferBytes(socketBufferBytes)
                .backend(backend);
    }
}
