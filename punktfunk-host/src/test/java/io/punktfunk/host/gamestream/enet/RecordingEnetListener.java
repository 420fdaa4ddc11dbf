package io.punktfunk.host.gamestream.enet;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link EnetListener} that accepts one connect data value and records everything, for tests. */
final class RecordingEnetListener implements EnetListener {
    record Packet(EnetPeer peer, int channel, byte[] data) {
    }

    record Gone(EnetPeer peer, DisconnectReason reason, String detail) {
    }

    final int expectedData;
    final BlockingQueue<EnetPeer> connected = new LinkedBlockingQueue<>();
    final BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Gone> disconnected = new LinkedBlockingQueue<>();
    volatile boolean echo;

    RecordingEnetListener(int expectedData) {
        this.expectedData = expectedData;
    }

    @Override
    public boolean acceptConnect(InetSocketAddress from, int connectData) {
        return connectData == expectedData;
    }

    @Override
    public void connected(EnetPeer peer) {
        connected.add(peer);
    }

    @Override
    public void received(EnetPeer peer, int channel, byte[] data, int offset, int length) {
        byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
        received.add(new Packet(peer, channel, copy));
        if (echo) {
            peer.send(channel, Delivery.RELIABLE, copy, 0, copy.length);
        }
    }

    @Override
    public void disconnected(EnetPeer peer, DisconnectReason reason, String detail) {
        disconnected.add(new Gone(peer, reason, detail));
    }

    EnetPeer awaitConnected() throws InterruptedException {
        return connected.poll(10, TimeUnit.SECONDS);
    }

    Packet awaitPacket() throws InterruptedException {
        return received.poll(10, TimeUnit.SECONDS);
    }

    Gone awaitGone(Duration timeout) throws InterruptedException {
        return disconnected.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
