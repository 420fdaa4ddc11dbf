package io.punktfunk.core.transport;

import java.net.InetSocketAddress;

/** Settings for {@link UdpTransport#open}; fluent, validated by {@link #conclude()}. */
public final class UdpTransportConfig {

    /** Which UDP backend to use. */
    public enum Backend {
        /** FFM sendmmsg/recvmmsg on Linux, else the DatagramChannel fallback (logged). */
        AUTO,
        /** FFM sendmmsg/recvmmsg; fails to open where unavailable. */
        MMSG,
        /** One JDK DatagramChannel call per datagram: portable and slower. */
        CHANNEL
    }

    /** 32 MiB: holds ~50 ms of a 5 Gbps burst, so frame bursts do not overflow (reference §1.12). */
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 32 << 20;
    /** Below this the kernel granted "far less" and we tell the operator which sysctl to raise. */
    public static final int SOCKET_BUFFER_WARN_BYTES = 8 << 20;
    /** 64 messages per sendmmsg/recvmmsg: ≤ 1 syscall per 32 packets even when batches run half full. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** 16 × 64 KiB GRO receive buffers: up to 1024 coalesced datagrams per recvmmsg. */
    public static final int DEFAULT_GRO_MESSAGES = 16;

    private InetSocketAddress bindAddress = new InetSocketAddress("0.0.0.0", 0);
    private InetSocketAddress connectAddress;
    private int socketBufferBytes = DEFAULT_SOCKET_BUFFER_BYTES;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean gso = true;
    private boolean gro;
    private int groMessages = DEFAULT_GRO_MESSAGES;
    private Backend backend = Backend.AUTO;

    /** Local address to bind (port 0 = any); its family picks IPv4 or IPv6. */
    public UdpTransportConfig bindAddress(InetSocketAddress address) {
        this.bindAddress = address;
        return this;
    }

    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** Peer to connect to (datagrams without an address go there), or null for none. */
    public UdpTransportConfig connectAddress(InetSocketAddress address) {
        this.connectAddress = address;
        return this;
    }

    public InetSocketAddress connectAddress() {
        return connectAddress;
    }

    /** SO_SNDBUF and SO_RCVBUF to ask for. */
    public UdpTransportConfig socketBufferBytes(int bytes) {
        this.socketBufferBytes = bytes;
        return this;
    }

    public int socketBufferBytes() {
        return socketBufferBytes;
    }

    /** Most messages per sendmmsg/recvmmsg call. */
    public UdpTransportConfig batchSize(int messages) {
        this.batchSize = messages;
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Send runs of equal-size datagrams to one peer as UDP GSO super-datagrams. */
    public UdpTransportConfig gso(boolean on) {
        this.gso = on;
        return this;
    }

    public boolean gso() {
        return gso;
    }

    /** Let the kernel coalesce received datagrams (UDP_GRO); the transport splits them again. */
    public UdpTransportConfig gro(boolean on) {
        this.gro = on;
        return this;
    }

    public boolean gro() {
        return gro;
    }

    /** Number of 64 KiB GRO receive buffers (messages per recvmmsg when GRO is on). */
    public UdpTransportConfig groMessages(int messages) {
        this.groMessages = messages;
        return this;
    }

    public int groMessages() {
        return groMessages;
    }

    /** Backend choice. */
    public UdpTransportConfig backend(Backend backend) {
        this.backend = backend;
        return this;
    }

    public Backend backend() {
        return backend;
    }

    /** Validates the settings. */
    public UdpTransportConfig conclude() {
        if (bindAddress == null || bindAddress.isUnresolved()) {
            throw new IllegalArgumentException("bind address must be resolved: " + bindAddress);
        }
        if (connectAddress != null && connectAddress.isUnresolved()) {
            throw new IllegalArgumentException("connect address must be resolved: " + connectAddress);
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batch size must be 1..1024: " + batchSize);
        }
        if (groMessages < 1 || groMessages > 1024) {
            throw new IllegalArgumentException("gro messages must be 1..1024: " + groMessages);
        }
        if (socketBufferBytes < 0) {
            throw new IllegalArgumentException("socket buffer must be ≥ 0: " + socketBufferBytes);
        }
        return this;
    }
}
