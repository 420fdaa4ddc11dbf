package io.punktfunk.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class LoopbackTransportTest {

    @Test
    void datagramsCrossInOrderWithTheSendersAddress() {
        try (LoopbackTransport.Pair p = LoopbackTransport.pair(128, 1500);
             DatagramBatch out = new DatagramBatch(32, 1500);
             DatagramBatch in = new DatagramBatch(32, 1500)) {
            for (int i = 0; i < 20; i++) {
                int d = out.add(100 + i);
                out.slab().set(ValueLayout.JAVA_BYTE, out.offset(d), (byte) i);
            }
            assertThat(p.left().sendBatch(out)).isEqualTo(20);
            assertThat(p.right().pending()).isEqualTo(20);
            assertThat(p.right().recvBatch(in)).isEqualTo(20);
            PeerAddress left = PeerAddress.of(p.left().localAddress());
            for (int i = 0; i < 20; i++) {
                assertThat(in.length(i)).isEqualTo(100 + i);
                assertThat(in.slab().get(ValueLayout.JAVA_BYTE, in.offset(i))).isEqualTo((byte) i);
                assertThat(in.peerIs(i, left)).isTrue();
            }
            assertThat(p.left().recvBatch(in)).isZero();
        }
    }

    @Test
    void singleSendAndCopyingAddCarryTheBytes() {
        try (LoopbackTransport.Pair p = LoopbackTransport.pair(4, 100);
             DatagramBatch src = new DatagramBatch(1, 100);
             DatagramBatch out = new DatagramBatch(2, 100);
             DatagramBatch in = new DatagramBatch(2, 100)) {
            int s = src.add(3);
            src.slab().set(ValueLayout.JAVA_BYTE, src.offset(s) + 2, (byte) 0x5A);
            int d = out.add(src.slab(), src.offset(s), 3, null);
            assertThat(p.left().send(out, d)).isTrue();
            assertThat(p.right().recvBatch(in)).isEqualTo(1);
            assertThat(in.slab().get(ValueLayout.JAVA_BYTE, in.offset(0) + 2)).isEqualTo((byte) 0x5A);
        }
    }

    @Test
    void fullQueueDropsTheRestAndCountsIt() {
        try (LoopbackTransport.Pair p = LoopbackTransport.pair(10, 1500);
             DatagramBatch out = new DatagramBatch(16, 1500);
             DatagramBatch in = new DatagramBatch(16, 1500)) {
            for (int i = 0; i < 16; i++) {
                out.add(1000);
            }
            assertThat(p.left().sendBatch(out)).isEqualTo(10);
            assertThat(p.left().stats().get(TransportCounter.PACKETS_SEND_DROPPED)).isEqualTo(6);
            assertThat(p.right().recvBatch(in)).isEqualTo(10);
            assertThat(p.left().sendBatch(out, 0, 5)).isEqualTo(5); // keeps working once drained
        }
    }

    @Test
    void datagramsLongerThanTheReceiveBatchAreDroppedAsTruncated() {
        try (LoopbackTransport.Pair p = LoopbackTransport.pair(8, 9000);
             DatagramBatch out = new DatagramBatch(4, 9000);
             DatagramBatch in = new DatagramBatch(4, 1000)) {
            out.add(1000);
            out.add(1001);
            out.add(999);
            p.left().sendBatch(out);
            assertThat(p.right().recvBatch(in)).isEqualTo(2);
            assertThat(in.length(0)).isEqualTo(1000);
            assertThat(in.length(1)).isEqualTo(999);
            assertThat(p.right().stats().get(TransportCounter.PACKETS_TRUNCATED)).isEqualTo(1);
        }
    }

    @Test
    void awaitReadableWakesWhenTheOtherEndSends() throws Exception {
        try (LoopbackTransport.Pair p = LoopbackTransport.pair(8, 100);
             DatagramBatch out = new DatagramBatch(1, 100)) {
            assertThat(p.right().awaitReadable(1_000_000L)).isFalse();
            out.add(10);
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.left().sendBatch(out);
            });
            long t0 = System.nanoTime();
            boolean ready = false;
            while (!ready && System.nanoTime() - t0 < 5_000_000_000L) {
                ready = p.right().awaitReadable(5_000_000_000L);
            }
            sender.join();
            assertThat(ready).isTrue();
        }
    }
}
