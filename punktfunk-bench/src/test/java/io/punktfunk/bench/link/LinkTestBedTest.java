package io.punktfunk.bench.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.bench.link.LinkTestBed.Direction;
import io.punktfunk.bench.link.LinkTestBed.Shape;
import io.punktfunk.testkit.Environment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two-namespace test bed itself: UDP crosses the veth pair, the tbf shape holds the rate (and
 * drops the excess of a burst), a reshape mid-run takes effect, and closing (or a dead creator's
 * sweep) leaves no namespace behind. Needs root; skipped with the reason otherwise.
 */
class LinkTestBedTest {

    /** Blasts {@code count} 1400-byte datagrams host → client; returns {delivered, elapsed ns of arrivals}. */
    static long[] blast(LinkTestBed bed, int count) throws Exception {
        DatagramChannel rx = LinkTestBed.runIn(bed.clientNamespace(), () -> {
            DatagramChannel c = DatagramChannel.open();
            c.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 << 20);
            c.bind(new InetSocketAddress(LinkTestBed.CLIENT_ADDRESS, 0));
            c.configureBlocking(false);
            return c;
        });
        DatagramChannel tx = LinkTestBed.runIn(bed.hostNamespace(), () -> {
            DatagramChannel c = DatagramChannel.open();
            c.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 8 << 20);
            c.bind(new InetSocketAddress(LinkTestBed.HOST_ADDRESS, 0));
            return c;
        });
        try (rx; tx) {
            long[] r = new long[3]; // got, first, last
            Thread reader = Thread.ofPlatform().start(() -> {
                ByteBuffer in = ByteBuffer.allocate(1500);
                long quietSince = System.nanoTime();
                try {
                    while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(300)) {
                        in.clear();
                        if (rx.receive(in) != null) {
                            long now = System.nanoTime();
                            r[1] = r[1] == 0 ? now : r[1];
                            r[2] = now;
                            r[0]++;
                            quietSince = now;
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ByteBuffer b = ByteBuffer.allocate(1400);
            InetSocketAddress to = (InetSocketAddress) rx.getLocalAddress();
            for (int i = 0; i < count; i++) {
                b.clear();
                tx.send(b, to);
            }
            reader.join();
            return new long[] {r[0], r[2] - r[1]};
        }
    }

    @Test
    void shapedLinkCarriesUdpAtItsRateDropsTheExcessAndReshapes() throws Exception {
        String why = LinkTestBed.unavailableReason();
        Environment.require(why.isEmpty(), why);
        Shape slow = new Shape(20_000_000L, 16 * 1024, 5);
        LinkTestBed bed = LinkTestBed.create(slow, slow);
        try {
            assertThat(bed.exists()).isTrue();
            // 2 000 datagrams at once into 20 Mbit/s with a 5 ms queue: most are dropped by tbf
            long[] r = blast(bed, 2000);
            assertThat(r[0]).isPositive().isLessThan(500);
            assertThat(bed.qdiscDrops(Direction.HOST_TO_CLIENT)).isGreaterThan(1500);
            double mbps = r[0] * 1400 * 8 / (r[1] / 1e9) / 1e6;
            assertThat(mbps).as("arrival rate through a 20 Mbit/s tbf").isBetween(10.0, 30.0);

            bed.shape(Direction.HOST_TO_CLIENT, new Shape(1_000_000_000L, 64 * 1024, 50));
            long[] fast = blast(bed, 2000);
            assertThat(fast[0]).as("reshaped to 1 Gbit/s, 50 ms: the burst fits").isGreaterThan(1900);
            assertThat(bed.qdiscStats(Direction.HOST_TO_CLIENT)).contains("1Gbit");
        } finally {
            bed.close();
        }
        assertThat(bed.exists()).isFalse();
        assertThat(Files.exists(Path.of("/run/netns", bed.hostNamespace()))).isFalse();
    }

    @Test
    void sweepDeletesNamespacesOfDeadCreatorsOnly() throws Exception {
        String why = LinkTestBed.unavailableReason();
        Environment.require(why.isEmpty(), why);
        // pid 2^22 + 1 is above pid_max's default ceiling: never a live process
        String stale = LinkTestBed.PREFIX + "h-4194305-0";
        LinkTestBed.run("ip", "netns", "add", stale);
        try (LinkTestBed live = LinkTestBed.create(new Shape(100_000_000L, 16 * 1024, 5),
                new Shape(100_000_000L, 16 * 1024, 5))) {
            // create() swept already; sweeping again keeps the live bed
            assertThat(Files.exists(Path.of("/run/netns", stale))).isFalse();
            LinkTestBed.sweepStale();
            assertThat(live.exists()).isTrue();
        } finally {
            if (Files.exists(Path.of("/run/netns", stale))) {
                LinkTestBed.run("ip", "netns", "del", stale);
            }
        }
    }
}
