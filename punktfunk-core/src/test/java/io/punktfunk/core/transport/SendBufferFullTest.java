package io.punktfunk.core.transport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.testkit.Environment;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A full send buffer drops and counts, and the transport keeps working. Loopback frees a
 * datagram's send-buffer charge the moment it is "transmitted", so EAGAIN never happens on plain
 * lo; here lo lives in a private network namespace behind an 8 Mbit/s tbf qdisc, where queued
 * datagrams stay charged to the socket. Needs root and iproute2 (skipped otherwise).
 */
class SendBufferFullTest {

    static final String NETNS = "pf-sndbuf-" + ProcessHandle.current().pid();
    static boolean ready;
    static String notReady = "";

    @BeforeAll
    static void createNamespace() throws Exception {
        if (!Environment.isRoot()) {
            notReady = "needs root to create a network namespace";
        } else if (!run("ip", "netns", "add", NETNS) || !run("ip", "-n", NETNS, "link", "set", "lo", "up")) {
            notReady = "`ip netns add` failed (apt-get install iproute2; needs CAP_SYS_ADMIN)";
        } else if (!run("tc", "-n", NETNS, "qdisc", "add", "dev", "lo", "root", "tbf",
                "rate", "8mbit", "burst", "16kb", "latency", "500ms")) {
            notReady = "`tc qdisc add ... tbf` failed (sch_tbf missing?)";
        }
        ready = notReady.isEmpty();
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (Files.exists(Path.of("/run/netns", NETNS))) {
            run("ip", "netns", "del", NETNS);
        }
    }

    static boolean run(String... cmd) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // iproute2 missing
        }
    }

    /** Runs {@code body} on a thread that joined the test namespace (sockets it opens live there). */
    @SuppressWarnings("restricted")
    static <T> T inNamespace(Supplier<T> body) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            Linker linker = Linker.nativeLinker();
            try (Arena arena = Arena.ofConfined()) {
                MethodHandle open = linker.downcallHandle(linker.defaultLookup().findOrThrow("open"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
                MethodHandle setns = linker.downcallHandle(linker.defaultLookup().findOrThrow("setns"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
                MemorySegment path = arena.allocateFrom("/run/netns/" + NETNS);
                int fd = (int) open.invokeExact(path, 0);
                if (fd < 0 || (int) setns.invokeExact(fd, 0x40000000 /* CLONE_NEWNET */) != 0) {
                    throw new IllegalStateException("cannot join netns " + NETNS);
                }
                return body.get();
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }, r -> Thread.ofPlatform().start(r)).get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} gso={1}")
    @CsvSource({"MMSG,false", "MMSG,true", "CHANNEL,false"})
    void fullSendBufferDropsCountsAndRecovers(UdpTransportConfig.Backend backend, boolean gso) throws Exception {
        Environment.require(ready, notReady);
        UdpTransport[] pair = inNamespace(() -> new UdpTransport[] {
            UdpTransport.open(new UdpTransportConfig().backend(backend).gso(gso)
                    .bindAddress(new InetSocketAddress("127.0.0.1", 0)).socketBufferBytes(16 * 1024)),
            UdpTransport.open(new UdpTransportConfig().backend(backend)
                    .bindAddress(new InetSocketAddress("127.0.0.1", 0)))
        });
        try (UdpTransport tx = pair[0];
             UdpTransport rx = pair[1];
             DatagramBatch out = new DatagramBatch(64, 1472);
             DatagramBatch in = new DatagramBatch(64, 1472)) {
            PeerAddress dst = PeerAddress.of(rx.localAddress());
            for (int i = 0; i < 64; i++) {
                out.add(1454, dst);
            }
            long offered = 0, taken = 0;
            for (int burst = 0; burst < 50; burst++) {
                taken += tx.sendBatch(out); // must neither block nor throw
                offered += out.count();
            }
            long dropped = tx.stats().get(TransportCounter.PACKETS_SEND_DROPPED);
            assertThat(dropped).as("EAGAIN drops").isPositive();
            assertThat(taken + dropped).isEqualTo(offered);
            assertThat(tx.stats().get(TransportCounter.PACKETS_SENT)).isEqualTo(taken);

            // The qdisc drains at 1 MB/s; once it has, sending works again.
            long received = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received < taken && System.nanoTime() - deadline < 0) {
                int n = rx.recvBatch(in);
                received += n;
                if (n == 0) {
                    rx.awaitReadable(50_000_000L);
                }
            }
            assertThat(received).isEqualTo(taken);
            assertThat(tx.sendBatch(out, 0, 2)).isEqualTo(2);
            deadline = System.nanoTime() + 5_000_000_000L;
            int late = 0;
            while (late < 2 && System.nanoTime() - deadline < 0) {
                int n = rx.recvBatch(in);
                late += n;
                if (n == 0) {
                    rx.awaitReadable(50_000_000L);
                }
            }
            assertThat(late).isEqualTo(2);
        }
    }
}
