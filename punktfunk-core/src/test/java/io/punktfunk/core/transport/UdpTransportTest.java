package io.punktfunk.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UdpTransportTest {

    static final long WAIT_NS = 50_000_000L;

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (String host : new String[] {"127.0.0.1", "::1"}) {
            for (boolean gso : new boolean[] {false, true}) {
                for (boolean gro : new boolean[] {false, true}) {
                    out.add(Arguments.of(UdpTransportConfig.Backend.MMSG, host, gso, gro));
                }
            }
            out.add(Arguments.of(UdpTransportConfig.Backend.CHANNEL, host, false, false));
        }
        return out.stream();
    }

    static UdpTransport open(UdpTransportConfig.Backend backend, String host, boolean gso, boolean gro) {
        if (backend == UdpTransportConfig.Backend.MMSG) {
            assumeTrue(LinuxNet.AVAILABLE, "FFM backend unavailable: " + LinuxNet.UNAVAILABLE_REASON);
        }
        return UdpTransport.open(new UdpTransportConfig().backend(backend)
                .bindAddress(new InetSocketAddress(host, 0)).gso(gso).gro(gro));
    }

    /** Lengths in runs (so GSO has equal-size runs to coalesce) with odd ones between. */
    static int[] mixedLengths(SplittableRandom rnd, int n) {
        int[] lengths = new int[n];
        int i = 0;
        while (i < n) {
            int len = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(9000) : 1454;
            int run = 1 + rnd.nextInt(20);
            for (int k = 0; k < run && i < n; k++) {
                lengths[i++] = (k == run - 1 && rnd.nextBoolean()) ? Math.max(1, len - rnd.nextInt(len)) : len;
            }
        }
        return lengths;
    }

    static void fill(DatagramBatch b, int i, int seq) {
        long off = b.offset(i);
        for (int k = 0; k < b.length(i); k++) {
            b.slab().set(ValueLayout.JAVA_BYTE, off + k, (byte) (seq * 31 + k));
        }
    }

    static boolean intact(DatagramBatch b, int i, int seq) {
        long off = b.offset(i);
        for (int k = 0; k < b.length(i); k++) {
            if (b.slab().get(ValueLayout.JAVA_BYTE, off + k) != (byte) (seq * 31 + k)) {
                return false;
            }
        }
        return true;
    }

    /** Receives until {@code expected} datagrams arrived or 5 s passed; returns their lengths. */
    static List<Integer> receive(Transport rx, DatagramBatch b, int expected, List<Boolean> ok,
                                 InetSocketAddress from, PeerAddress scratch) {
        List<Integer> lengths = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        PeerAddress sender = PeerAddress.of(from);
        while (lengths.size() < expected && System.nanoTime() - deadline < 0) {
            int n = rx.recvBatch(b);
            if (n == 0) {
                rx.awaitReadable(WAIT_NS);
            }
            for (int i = 0; i < n; i++) {
                ok.add(intact(b, i, lengths.size()) && b.peerIs(i, sender));
                b.peer(i, scratch);
                lengths.add(b.length(i));
            }
        }
        return lengths;
    }

    @ParameterizedTest(name = "{0} {1} gso={2} gro={3}")
    @MethodSource("shapes")
    void batchesOfEverySizeArriveIntactAndInOrder(UdpTransportConfig.Backend backend, String host,
                                                   boolean gso, boolean gro) {
        long seed = 0x5EED_0001L;
        SplittableRandom rnd = new SplittableRandom(seed);
        try (UdpTransport tx = open(backend, host, gso, false);
             UdpTransport rx = open(backend, host, false, gro);
             DatagramBatch out = new DatagramBatch(64, DatagramBatch.MAX_DATAGRAM_BYTES);
             DatagramBatch in = new DatagramBatch(64, DatagramBatch.MAX_DATAGRAM_BYTES)) {
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            PeerAddress scratch = PeerAddress.empty();
            for (int size = 1; size <= 64; size++) {
                int[] lengths = mixedLengths(rnd, size);
                out.clear();
                for (int i = 0; i < size; i++) {
                    fill(out, out.add(lengths[i], dst), i);
                }
                assertThat(tx.sendBatch(out)).as("seed %x size %d", seed, size).isEqualTo(size);
                List<Boolean> ok = new ArrayList<>();
                List<Integer> got = receive(rx, in, size, ok, tx.localAddress(), scratch);
                assertThat(got).as("seed %x size %d", seed, size)
                        .containsExactly(java.util.Arrays.stream(lengths).boxed().toArray(Integer[]::new));
                assertThat(ok).as("payload and source of every datagram, seed %x size %d", seed, size)
                        .doesNotContain(false);
            }
            TransportStats s = tx.stats();
            assertThat(s.get(TransportCounter.PACKETS_SENT)).isEqualTo(64 * 65 / 2);
            assertThat(rx.stats().get(TransportCounter.PACKETS_RECEIVED)).isEqualTo(64 * 65 / 2);
            assertThat(s.get(TransportCounter.PACKETS_SEND_DROPPED)).isZero();
            if (backend == UdpTransportConfig.Backend.MMSG) {
                // One sendmmsg per batch of ≤ 64: 64 syscalls for 2080 datagrams.
                assertThat(s.get(TransportCounter.SEND_SYSCALLS)).isEqualTo(64);
                if (gso) {
                    assertThat(s.get(TransportCounter.GSO_SUPER_DATAGRAMS)).isPositive();
                    if (gro) {
                        assertThat(rx.stats().get(TransportCounter.GRO_SUPER_DATAGRAMS)).isPositive();
                    }
                } else {
                    assertThat(s.get(TransportCounter.GSO_SUPER_DATAGRAMS)).isZero();
                }
            } else {
                assertThat(s.get(TransportCounter.SEND_SYSCALLS)).isEqualTo(64 * 65 / 2);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} gso={2} gro={3}")
    @MethodSource("shapes")
    void overlongDatagramsAreDroppedAndCounted(UdpTransportConfig.Backend backend, String host,
                                               boolean gso, boolean gro) {
        try (UdpTransport tx = open(backend, host, gso, false);
             UdpTransport rx = open(backend, host, false, gro);
             DatagramBatch out = new DatagramBatch(16, DatagramBatch.MAX_DATAGRAM_BYTES);
             DatagramBatch in = new DatagramBatch(16, 1000)) {
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            // 1000 fits exactly; 1001 fills the receive region (1000 + 1 rounded up...) or overflows it.
            int[] lengths = {1000, 1001, 1000, in.regionBytes(), 1000, in.regionBytes() + 1, 5000, 999};
            for (int i = 0; i < lengths.length; i++) {
                fill(out, out.add(lengths[i], dst), i);
            }
            assertThat(tx.sendBatch(out)).isEqualTo(lengths.length);
            List<Integer> got = new ArrayList<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got.size() + rx.stats().get(TransportCounter.PACKETS_TRUNCATED) < lengths.length
                    && System.nanoTime() - deadline < 0) {
                int n = rx.recvBatch(in);
                if (n == 0) {
                    rx.awaitReadable(WAIT_NS);
                }
                for (int i = 0; i < n; i++) {
                    got.add(in.length(i));
                }
            }
            assertThat(got).containsExactly(1000, 1000, 1000, 999);
            assertThat(rx.stats().get(TransportCounter.PACKETS_TRUNCATED)).isEqualTo(4);
            assertThat(rx.stats().get(TransportCounter.PACKETS_RECEIVED)).isEqualTo(4);
        }
    }

    @Test
    void connectedSocketSendsDatagramsWithoutAddress() {
        assumeTrue(LinuxNet.AVAILABLE);
        try (UdpTransport rx = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", false, false);
             UdpTransport tx = UdpTransport.open(new UdpTransportConfig()
                     .bindAddress(new InetSocketAddress("127.0.0.1", 0)).connectAddress(rx.localAddress()));
             DatagramBatch out = new DatagramBatch(8, 1500);
             DatagramBatch in = new DatagramBatch(8, 1500)) {
            for (int i = 0; i < 8; i++) {
                fill(out, out.add(1200), i);
            }
            assertThat(tx.sendBatch(out)).isEqualTo(8);
            List<Boolean> ok = new ArrayList<>();
            assertThat(receive(rx, in, 8, ok, tx.localAddress(), PeerAddress.empty())).hasSize(8);
            assertThat(ok).doesNotContain(false);
        }
    }

    @Test
    void ipv6SocketReachesIpv4PeersThroughMappedAddresses() {
        assumeTrue(LinuxNet.AVAILABLE);
        try (UdpTransport rx = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", false, false);
             UdpTransport tx = UdpTransport.open(new UdpTransportConfig().bindAddress(new InetSocketAddress("::", 0)));
             DatagramBatch out = new DatagramBatch(4, 1500)) {
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            for (int i = 0; i < 4; i++) {
                fill(out, out.add(1454, dst), i);
            }
            assertThat(tx.sendBatch(out)).isEqualTo(4);
            try (DatagramBatch in = new DatagramBatch(4, 1500)) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                int got = 0;
                while (got < 4 && System.nanoTime() - deadline < 0) {
                    int n = rx.recvBatch(in);
                    got += n;
                    if (n == 0) {
                        rx.awaitReadable(WAIT_NS);
                    }
                }
                assertThat(got).isEqualTo(4);
            }
        }
    }

    @Test
    void awaitReadableTimesOutWhenIdleAndWakesOnData() {
        assumeTrue(LinuxNet.AVAILABLE);
        try (UdpTransport rx = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", false, false);
             UdpTransport tx = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", false, false);
             DatagramBatch out = new DatagramBatch(1, 100)) {
            assertThat(rx.awaitReadable(10_000_000L)).isFalse();
            out.add(10, PeerAddress.of(rx.localAddress()));
            tx.sendBatch(out);
            assertThat(rx.awaitReadable(2_000_000_000L)).isTrue();
            assertThat(rx.stats().get(TransportCounter.POLL_SYSCALLS)).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0} gro={1}")
    @org.junit.jupiter.params.provider.CsvSource({"MMSG,false", "MMSG,true", "CHANNEL,false"})
    void waitingReceiveTimesOutWhenIdleAndWakesWithTheData(UdpTransportConfig.Backend backend, boolean gro)
            throws Exception {
        assumeTrue(backend != UdpTransportConfig.Backend.MMSG || LinuxNet.AVAILABLE);
        try (UdpTransport rx = open(backend, "127.0.0.1", false, gro);
             UdpTransport tx = open(backend, "127.0.0.1", true, false);
             DatagramBatch out = new DatagramBatch(3, 1500);
             DatagramBatch in = new DatagramBatch(8, 1500)) {
            assertThat(rx.recvBatch(in, 10_000_000L)).isZero();
            assertThat(in.count()).isZero();
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            for (int i = 0; i < 3; i++) {
                fill(out, out.add(1200, dst), i);
            }
            Thread sender = Thread.ofPlatform().start(() -> {
                LockSupport.parkNanos(50_000_000L); // the receiver is asleep by then
                tx.sendBatch(out);
            });
            long recvBefore = rx.stats().get(TransportCounter.RECV_SYSCALLS);
            int got = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got < 3 && System.nanoTime() - deadline < 0) {
                int n = rx.recvBatch(in, 2_000_000_000L);
                for (int i = 0; i < n; i++, got++) {
                    assertThat(intact(in, i, got)).as("datagram %d", got).isTrue();
                }
            }
            sender.join();
            assertThat(got).isEqualTo(3);
            if (backend == UdpTransportConfig.Backend.MMSG) {
                // Wait and receive in one recvmmsg per wake: no ppoll, and one wake per send here
                // (the three leave in one sendmmsg, so usually one wake takes all of them).
                assertThat(rx.stats().get(TransportCounter.POLL_SYSCALLS)).isZero();
                assertThat(rx.stats().get(TransportCounter.RECV_SYSCALLS) - recvBefore).isBetween(1L, 3L);
            }
            assertThat(rx.recvBatch(in, 0)).isZero(); // 0 = no wait
        }
    }

    @Test
    void oneSocketSendsAndReceivesOnTwoThreadsAtOnce() throws Exception {
        assumeTrue(LinuxNet.AVAILABLE);
        int packets = 4096; // 4096 × ~2.3 KiB truesize stays well inside the 32 MiB receive buffers
        try (UdpTransport x = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", true, false);
             UdpTransport y = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", true, true)) {
            java.util.Queue<String> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (UdpTransport[] dir : new UdpTransport[][] {{x, y}, {y, x}}) {
                UdpTransport from = dir[0];
                UdpTransport to = dir[1];
                threads.add(Thread.ofPlatform().start(() -> {
                    try (DatagramBatch out = new DatagramBatch(64, 1472)) {
                        PeerAddress dst = PeerAddress.of(to.localAddress());
                        for (int seq = 0; seq < packets; ) {
                            out.clear();
                            for (int k = 0; k < 64; k++, seq++) {
                                fill(out, out.add(1454, dst), seq);
                            }
                            // a full socket buffer (the receiver starved of CPU) refuses the rest rather than
                            // blocking: resend it, as the pacer would, until the deadline
                            int sent = from.sendBatch(out);
                            long deadline = System.nanoTime() + 10_000_000_000L;
                            while (sent < 64 && System.nanoTime() - deadline < 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                                sent += from.sendBatch(out, sent, 64);
                            }
                            if (sent != 64) {
                                errors.add("short send from " + from.localAddress() + ": " + sent + " of 64 for 10 s");
                            }
                        }
                    }
                }));
                threads.add(Thread.ofPlatform().start(() -> {
                    try (DatagramBatch in = new DatagramBatch(64, 1472)) {
                        int next = 0;
                        long deadline = System.nanoTime() + 10_000_000_000L;
                        while (next < packets && System.nanoTime() - deadline < 0) {
                            int n = to.recvBatch(in);
                            for (int i = 0; i < n; i++, next++) {
                                if (in.length(i) != 1454 || !intact(in, i, next)) {
                                    errors.add("datagram " + next + " at " + to.localAddress() + " damaged");
                                    return;
                                }
                            }
                            if (n < in.capacity()) {
                                to.awaitReadable(WAIT_NS);
                            }
                        }
                        if (next != packets) {
                            errors.add(to.localAddress() + " received " + next + " of " + packets);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).isEmpty();
        }
    }

    @ParameterizedTest(name = "gro={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aBatchLargerThanOneSyscallFillsUntilTheSocketIsDrained(boolean gro) {
        assumeTrue(LinuxNet.AVAILABLE);
        try (UdpTransport tx = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", true, false);
             UdpTransport rx = UdpTransport.open(new UdpTransportConfig().backend(UdpTransportConfig.Backend.MMSG)
                     .bindAddress(new InetSocketAddress("127.0.0.1", 0)).gro(gro).groMessages(2));
             DatagramBatch out = new DatagramBatch(50, 1472);
             DatagramBatch in = new DatagramBatch(256, 1472)) {
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            for (int i = 0; i < 50; i++) {
                fill(out, out.add(1454, dst), i % 50);
            }
            for (int k = 0; k < 4; k++) {
                assertThat(tx.sendBatch(out)).isEqualTo(50); // loopback queues them before returning
            }
            assertThat(rx.recvBatch(in)).isEqualTo(200); // several recvmmsg calls, one recvBatch
            for (int i = 0; i < 200; i++) {
                assertThat(intact(in, i, i % 50)).as("datagram %d", i).isTrue();
            }
            assertThat(rx.recvBatch(in)).isZero();
            assertThat(rx.stats().get(TransportCounter.RECV_SYSCALLS)).isGreaterThan(2);
        }
    }

    @Test
    void realErrorsAreRaisedWithTheErrnoText() {
        assumeTrue(LinuxNet.AVAILABLE);
        try (UdpTransport tx = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", true, false);
             DatagramBatch out = new DatagramBatch(2, 100)) {
            out.add(10); // no address on an unconnected socket
            assertThatThrownBy(() -> tx.sendBatch(out))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("sendmmsg")
                    .hasMessageContaining("Destination address required");
        }
    }

    @Test
    void autoPicksTheBatchedBackendOnLinux() {
        try (UdpTransport t = UdpTransport.open(new UdpTransportConfig()
                .bindAddress(new InetSocketAddress("127.0.0.1", 0)))) {
            if (LinuxNet.AVAILABLE) {
                assertThat(t).isInstanceOf(MmsgUdpTransport.class);
                assertThat(t.gsoActive()).isTrue();
                assertThat(t.backendName()).startsWith("sendmmsg/recvmmsg");
            } else {
                assertThat(t).isInstanceOf(ChannelUdpTransport.class);
            }
            assertThat(t.localAddress().getPort()).isPositive();
        }
    }

    @Test
    void impairedUdpTransportDropsOnTheWire() {
        assumeTrue(LinuxNet.AVAILABLE);
        try (UdpTransport rx = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", false, false);
             ImpairedTransport tx = new ImpairedTransport(
                     open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", true, false),
                     new ImpairmentConfig().dropEveryNth(4));
             DatagramBatch out = new DatagramBatch(64, 1500);
             DatagramBatch in = new DatagramBatch(64, 1500)) {
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            for (int i = 0; i < 64; i++) {
                out.add(1454, dst);
            }
            assertThat(tx.sendBatch(out)).isEqualTo(64);
            int got = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got < 48 && System.nanoTime() - deadline < 0) {
                int n = rx.recvBatch(in);
                got += n;
                if (n == 0) {
                    rx.awaitReadable(WAIT_NS);
                }
            }
            assertThat(got).isEqualTo(48);
            assertThat(tx.stats().get(TransportCounter.PACKETS_SENT)).isEqualTo(48);
            assertThat(tx.impairmentStats().get(TransportCounter.IMPAIR_DROPPED)).isEqualTo(16);
        }
    }

    @Test
    void plainSocketOptionsAreCappedBySysctlAndFlaggedAsTooSmall() throws Exception {
        long rmemMax;
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("/proc/sys/net/core/rmem_max"))) { // readString() truncates procfs files
            rmemMax = Long.parseLong(r.readLine().trim());
        }
        assumeTrue(rmemMax < UdpTransportConfig.SOCKET_BUFFER_WARN_BYTES, "rmem_max already raised");
        // The channel backend can only use plain SO_RCVBUF, which net.core.rmem_max caps.
        try (UdpTransport t = open(UdpTransportConfig.Backend.CHANNEL, "127.0.0.1", false, false)) {
            assertThat((long) t.receiveBufferBytes()).isLessThanOrEqualTo(rmemMax);
            assertThat(SocketBufferCheck.tooSmall(UdpTransportConfig.DEFAULT_SOCKET_BUFFER_BYTES,
                    t.sendBufferBytes(), t.receiveBufferBytes())).isTrue();
        }
        assertThat(SocketBufferCheck.tooSmall(64 * 1024, 64 * 1024, 64 * 1024)).isFalse(); // got what it asked
        assertThat(SocketBufferCheck.tooSmall(32 << 20, 8 << 20, 8 << 20)).isFalse();
    }

    @Test
    void socketBuffersAreGrantedWhenPrivileged() {
        assumeTrue(LinuxNet.AVAILABLE);
        try (UdpTransport t = open(UdpTransportConfig.Backend.MMSG, "127.0.0.1", false, false)) {
            assertThat(t.sendBufferBytes()).isPositive();
            assertThat(t.receiveBufferBytes()).isPositive();
            if ("root".equals(System.getProperty("user.name"))) {
                // SO_*BUFFORCE bypasses net.core.*mem_max for root.
                assertThat(t.sendBufferBytes()).isEqualTo(UdpTransportConfig.DEFAULT_SOCKET_BUFFER_BYTES);
                assertThat(t.receiveBufferBytes()).isEqualTo(UdpTransportConfig.DEFAULT_SOCKET_BUFFER_BYTES);
            }
        }
    }
}
