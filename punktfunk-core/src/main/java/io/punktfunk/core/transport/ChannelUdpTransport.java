package io.punktfunk.core.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Objects;

/**
 * Portable UDP through a non-blocking JDK {@link DatagramChannel}: one system call per datagram,
 * same drop and truncation rules as the sendmmsg backend. Used where FFM socket calls are not
 * available (non-Linux) or on request.
 */
final class ChannelUdpTransport implements UdpTransport {

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress localAddress;
    private final TransportStats stats = new TransportStats();
    private final int sendBufferBytes;
    private final int receiveBufferBytes;
    private final PeerAddress lastTarget = PeerAddress.empty();
    private SocketAddress lastTargetAddress;
    private SocketAddress lastSource;
    private final PeerAddress lastSourcePeer = PeerAddress.empty();

    ChannelUdpTransport(UdpTransportConfig config) throws IOException {
        InetSocketAddress bind = config.bindAddress();
        channel = DatagramChannel.open(bind.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            if (config.socketBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, config.socketBufferBytes());
                channel.setOption(StandardSocketOptions.SO_RCVBUF, config.socketBufferBytes());
            }
            // The JDK reports what getsockopt says, which Linux doubles.
            int div = System.getProperty("os.name", "").startsWith("Linux") ? 2 : 1;
            sendBufferBytes = channel.getOption(StandardSocketOptions.SO_SNDBUF) / div;
            receiveBufferBytes = channel.getOption(StandardSocketOptions.SO_RCVBUF) / div;
            if (config.socketBufferBytes() > 0) {
                SocketBufferCheck.check(config.socketBufferBytes(), sendBufferBytes, receiveBufferBytes);
            }
            channel.bind(bind);
            if (config.connectAddress() != null) {
                channel.connect(config.connectAddress());
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int sendBatch(DatagramBatch batch, int from, int to) {
        Objects.checkFromToIndex(from, to, batch.count());
        long packets = 0, bytes = 0, syscalls = 0, transientDrops = 0, dropped = 0;
        try {
            for (int i = from; i < to; i++) {
                ByteBuffer data = batch.buffer(i);
                int len = data.remaining();
                int n;
                try {
                    syscalls++;
                    n = batch.hasPeer(i) ? channel.send(data, target(batch, i)) : channel.write(data);
                } catch (PortUnreachableException | NoRouteToHostException e) {
                    transientDrops++;
                    continue;
                } catch (ClosedChannelException e) {
                    throw e;
                } catch (IOException e) {
                    if (isTransient(e)) {
                        transientDrops++;
                        continue;
                    }
                    throw e;
                }
                if (n == 0 && len > 0) {
                    dropped += to - i; // send buffer full: never block, drop the rest
                    break;
                }
                packets++;
                bytes += len;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("udp send: " + e.getMessage(), e);
        } finally {
            stats.add(TransportCounter.PACKETS_SENT, packets);
            stats.add(TransportCounter.BYTES_SENT, bytes);
            stats.add(TransportCounter.SEND_SYSCALLS, syscalls);
            stats.add(TransportCounter.PACKETS_SEND_DROPPED, dropped);
            stats.add(TransportCounter.PACKETS_SEND_TRANSIENT_DROPPED, transientDrops);
        }
        return (int) packets;
    }

    private static boolean isTransient(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No buffer space") || m.contains("unreachable") || m.contains("Connection refused")
                || m.contains("Message too long") || m.contains("Operation not permitted");
    }

    /** The JDK address for datagram {@code i}, reusing the last one while the peer is unchanged. */
    private SocketAddress target(DatagramBatch batch, int i) {
        if (lastTargetAddress == null || !batch.peerIs(i, lastTarget)) {
            batch.peer(i, lastTarget);
            lastTargetAddress = lastTarget.toSocketAddress();
        }
        return lastTargetAddress;
    }

    @Override
    public int recvBatch(DatagramBatch batch) {
        batch.clear();
        int max = batch.maxDatagramBytes();
        long bytes = 0, syscalls = 0, truncated = 0;
        try {
            while (!batch.isFull()) {
                int r = batch.nextRegion();
                ByteBuffer view = batch.regionView(r).clear();
                syscalls++;
                SocketAddress source;
                try {
                    source = channel.receive(view);
                } catch (PortUnreachableException e) {
                    stats.increment(TransportCounter.RECV_TRANSIENT_ERRORS);
                    break;
                }
                if (source == null) {
                    break;
                }
                int len = view.position();
                if (len > max) {
                    truncated++; // filled the region (max + 1 bytes): too long, maybe cut
                    continue;
                }
                if (source != lastSource) { // the JDK reuses the object while the sender is unchanged
                    lastSourcePeer.set((InetSocketAddress) source);
                    lastSource = source;
                }
                SocketAddresses.copy(lastSourcePeer.sockaddr, 0, batch.addresses(), batch.regionAddressOffset(r));
                batch.commitRegion(r, len);
                bytes += len;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("udp receive: " + e.getMessage(), e);
        } finally {
            stats.add(TransportCounter.PACKETS_RECEIVED, batch.count());
            stats.add(TransportCounter.BYTES_RECEIVED, bytes);
            stats.add(TransportCounter.RECV_SYSCALLS, syscalls);
            stats.add(TransportCounter.PACKETS_TRUNCATED, truncated);
        }
        return batch.count();
    }

    @Override
    public boolean awaitReadable(long timeoutNs) {
        try {
            long ms = Math.max(1, timeoutNs / 1_000_000L);
            int n = selector.select(ms);
            selector.selectedKeys().clear();
            stats.increment(TransportCounter.POLL_SYSCALLS);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("udp wait: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public TransportStats stats() {
        return stats;
    }

    @Override
    public String backendName() {
        return "DatagramChannel";
    }

    @Override
    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    @Override
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    @Override
    public boolean gsoActive() {
        return false;
    }

    @Override
    public boolean groActive() {
        return false;
    }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("udp close: " + e.getMessage(), e);
        }
    }
}
