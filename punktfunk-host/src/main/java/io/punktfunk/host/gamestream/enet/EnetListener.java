package io.punktfunk.host.gamestream.enet;

import java.net.InetSocketAddress;

/**
 * What an {@link EnetServer} tells its application. Every call is made with the server's lock held, so
 * calls never overlap: from the server's I/O thread, except {@link #disconnected} when a {@code send} or
 * {@code disconnect} call of the application itself ends the peer. Implementations must not block, and may
 * call {@link EnetServer#send} and {@link EnetServer#disconnect} from inside.
 */
public interface EnetListener {
    /**
     * A CONNECT arrived from {@code from} carrying {@code connectData} (GameStream: the RTSP
     * {@code X-SS-Connect-Data}). Return false to refuse it; the client then gets a DISCONNECT.
     */
    boolean acceptConnect(InetSocketAddress from, int connectData);

    /** The peer finished the handshake; it may send and receive now. */
    void connected(EnetPeer peer);

    /**
     * A whole packet arrived on {@code channel}. The bytes are valid only during the call (they live in
     * reused buffers).
     */
    void received(EnetPeer peer, int channel, byte[] data, int offset, int length);

    /** The peer is gone; its handle is dead from now on. */
    void disconnected(EnetPeer peer, DisconnectReason reason, String detail);
}
