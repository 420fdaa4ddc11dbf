package io.punktfunk.host.gamestream.enet;

import java.net.InetSocketAddress;

/** Settings of an {@link EnetServer}; fluent setters, checked by {@link #conclude()}. */
public final class EnetServerConfig {
    private InetSocketAddress bindAddress = new InetSocketAddress(0);
    /** One peer per streaming session, with room for a client that reconnects before its old peer timed out. */
    private int maxPeers = 4;
    /** moonlight-common-c opens 48 channels (CTRL_CHANNEL_COUNT); a client asking for more is granted this many. */
    private int channelLimit = 48;
    /** Control messages are tens of bytes; 64 KiB bounds what one client can make the host reassemble. */
    private int maxPacketBytes = 64 * 1024;
    /** Retransmission timeout before the first round trip is measured: a few LAN round trips, well under ENet's 500 ms. */
    private int initialRtoMs = 200;
    /** Floor of the retransmission timeout, so a loopback RTT of 0 ms does not resend every tick. */
    private int minRtoMs = 40;
    /** Ceiling of the backed-off retransmission timeout. */
    private int maxRtoMs = 2000;
    /** A reliable command unacknowledged this long ends the peer: the client's own ENet timeout is 10 s. */
    private int peerTimeoutMs = 10_000;
    /** An idle peer is pinged this often (ENet's default), which is what detects a vanished client. */
    private int pingIntervalMs = 500;
    /** Reliable commands queued or unacknowledged per peer before the peer counts as stuck. */
    private int maxOutstandingReliable = 1024;

    public EnetServerConfig bindAddress(InetSocketAddress address) {
        this.bindAddress = address;
        return this;
    }

    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    public EnetServerConfig maxPeers(int n) {
        this.maxPeers = n;
        return this;
    }

    public int maxPeers() {
        return maxPeers;
    }

    public EnetServerConfig channelLimit(int n) {
        this.channelLimit = n;
        return this;
    }

    public int channelLimit() {
        return channelLimit;
    }

    public EnetServerConfig maxPacketBytes(int n) {
        this.maxPacketBytes = n;
        return this;
    }

    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    public EnetServerConfig initialRtoMs(int ms) {
        this.initialRtoMs = ms;
        return this;
    }

    public int initialRtoMs() {
        return initialRtoMs;
    }

    public EnetServerConfig minRtoMs(int ms) {
        this.minRtoMs = ms;
        return this;
    }

    public int minRtoMs() {
        return minRtoMs;
    }

    public EnetServerConfig maxRtoMs(int ms) {
        this.maxRtoMs = ms;
        return this;
    }

    public int maxRtoMs() {
        return maxRtoMs;
    }

    public EnetServerConfig peerTimeoutMs(int ms) {
        this.peerTimeoutMs = ms;
        return this;
    }

    public int peerTimeoutMs() {
        return peerTimeoutMs;
    }

    public EnetServerConfig pingIntervalMs(int ms) {
        this.pingIntervalMs = ms;
        return this;
    }

    public int pingIntervalMs() {
        return pingIntervalMs;
    }

    public EnetServerConfig maxOutstandingReliable(int n) {
        this.maxOutstandingReliable = n;
        return this;
    }

    public int maxOutstandingReliable() {
        return maxOutstandingReliable;
    }

    /** Checks the settings; throws {@link IllegalArgumentException} naming the first bad one. */
    public EnetServerConfig conclude() {
        check(maxPeers >= 1 && maxPeers < EnetProtocol.PEER_ID_NONE, "maxPeers " + maxPeers);
        check(channelLimit >= 1 && channelLimit <= EnetProtocol.MAX_CHANNEL_COUNT, "channelLimit " + channelLimit);
        check(maxPacketBytes >= 1, "maxPacketBytes " + maxPacketBytes);
        check(minRtoMs >= 1 && minRtoMs <= initialRtoMs && initialRtoMs <= maxRtoMs,
                "rto min/initial/max " + minRtoMs + "/" + initialRtoMs + "/" + maxRtoMs);
        check(peerTimeoutMs > maxRtoMs, "peerTimeoutMs " + peerTimeoutMs + " not above maxRtoMs");
        check(pingIntervalMs >= 1, "pingIntervalMs " + pingIntervalMs);
        check(maxOutstandingReliable >= 16 && maxOutstandingReliable < EnetProtocol.RELIABLE_WINDOW_SIZE,
                "maxOutstandingReliable " + maxOutstandingReliable);
        return this;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("bad enet setting: " + what);
        }
    }
}
