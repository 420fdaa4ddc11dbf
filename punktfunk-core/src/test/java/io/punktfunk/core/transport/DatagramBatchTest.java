package io.punktfunk.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DatagramBatchTest {

    @Test
    void regionsLeaveRoomToRecogniseOverlongDatagrams() {
        try (DatagramBatch b = new DatagramBatch(4, 1472)) {
            assertThat(b.regionBytes()).isGreaterThan(1472).isEqualTo(1536);
            assertThat(b.regionBytes() % 64).isZero();
        }
    }

    @Test
    void addTracksLengthsPeersAndCapacity() {
        try (DatagramBatch b = new DatagramBatch(3, 1500)) {
            PeerAddress v4 = PeerAddress.of(new InetSocketAddress("10.1.2.3", 4567));
            PeerAddress v6 = PeerAddress.of(new InetSocketAddress("fe80::1%1", 9));
            assertThat(b.add(10, v4)).isZero();
            assertThat(b.add(20)).isEqualTo(1);
            assertThat(b.add(30, v6)).isEqualTo(2);
            assertThat(b.isFull()).isTrue();
            assertThatThrownBy(() -> b.add(1)).isInstanceOf(IllegalStateException.class);
            assertThat(b.peerIs(0, v4)).isTrue();
            assertThat(b.peerIs(2, v4)).isFalse();
            assertThat(b.peerIs(2, v6)).isTrue();
            assertThat(b.hasPeer(1)).isFalse();
            assertThat(b.peerSocketAddress(0)).isEqualTo(new InetSocketAddress("10.1.2.3", 4567));
            assertThat(b.peerSocketAddress(2)).isEqualTo(v6.toSocketAddress());
            assertThat(b.offset(1) - b.offset(0)).isEqualTo(b.regionBytes());
            ByteBuffer view = b.buffer(1);
            assertThat(view.position()).isZero();
            assertThat(view.limit()).isEqualTo(20);
            b.clear();
            assertThat(b.count()).isZero();
            assertThatThrownBy(() -> b.length(0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void rejectsLengthsBeyondTheMaximum() {
        try (DatagramBatch b = new DatagramBatch(2, 100)) {
            assertThatThrownBy(() -> b.add(101)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new DatagramBatch(1, DatagramBatch.MAX_DATAGRAM_BYTES + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void peerAddressCopiesWithoutChangingWhenEqual() {
        try (DatagramBatch b = new DatagramBatch(1, 100)) {
            PeerAddress src = PeerAddress.of(new InetSocketAddress("::1", 7));
            b.add(1, src);
            PeerAddress dst = PeerAddress.empty();
            assertThat(dst.isSet()).isFalse();
            b.peer(0, dst);
            InetSocketAddress first = dst.toSocketAddress();
            b.peer(0, dst);
            assertThat(dst.toSocketAddress()).isSameAs(first).isEqualTo(new InetSocketAddress("::1", 7));
            assertThat(dst.sameAs(src)).isTrue();
        }
    }
}
