package io.punktfunk.bench.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces joined by a veth pair: a "host" end ({@value #HOST_ADDRESS}) and a
 * "client" end ({@value #CLIENT_ADDRESS}), each direction shaped by its own {@code tbf} qdisc (a
 * token bucket with a shallow queue, like a cheap switch port or Wi-Fi AP; {@code sch_netem} is
 * not assumed). Real sockets, real kernel queueing and drops; processes are started inside a
 * namespace with {@code ip netns exec}.
 *
 * <pre>
 *  netns pfl-h-PID                              netns pfl-c-PID
 *   10.77.0.1  veth pfh ─tbf(host→client) ──► veth pfc 10.77.0.2
 *              ◄── tbf(client→host) ──
 * </pre>
 *
 * Names carry the creating pid; {@link #close} deletes both namespaces (which removes the veth
 * pair), a shutdown hook does it if the JVM exits early, and {@link #sweepStale} deletes any
 * namespace whose creator is gone. Needs root (CAP_NET_ADMIN + CAP_SYS_ADMIN) and iproute2.
 */
public final class LinkTestBed implements AutoCloseable {
    public static final String HOST_ADDRESS = "10.77.0.1";
    public static final String CLIENT_ADDRESS = "10.77.0.2";
    static final String PREFIX = "pfl-";
    private static final Pattern NAME = Pattern.compile("pfl-[hc]-(\\d+)(?:-\\d+)?");
    private static int created;

    /** Which egress a shape applies to. */
    public enum Direction { HOST_TO_CLIENT, CLIENT_TO_HOST }

    /**
     * A tbf shape: {@code rateBps} token rate, {@code burstBytes} bucket, {@code queueMs} the most a
     * packet may wait in the queue (tbf's {@code latency}; the queue limit in bytes follows from it).
     */
    public record Shape(long rateBps, int burstBytes, double queueMs) {
        public Shape {
            if (rateBps <= 0 || burstBytes <= 0 || !(queueMs > 0)) {
                throw new IllegalArgumentException("shape needs rate, burst and queue > 0");
            }
        }

        /** Parses {@code 200mbit}, {@code 1gbit}, {@code 500kbit} or plain bit/s. */
        public static long parseRate(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            long mult = 1;
            for (String[] u : new String[][] {{"gbit", "1000000000"}, {"mbit", "1000000"}, {"kbit", "1000"}, {"bit", "1"}}) {
                if (t.endsWith(u[0])) {
                    mult = Long.parseLong(u[1]);
                    t = t.substring(0, t.length() - u[0].length());
                    break;
                }
            }
            return (long) (Double.parseDouble(t) * mult);
        }

        String[] tcArgs() {
            return new String[] {"tbf", "rate", rateBps + "bit", "burst", Integer.toString(burstBytes),
                "latency", String.format(Locale.ROOT, "%.3fms", queueMs)};
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, burst %d KiB, queue %.1f ms", rateText(rateBps), burstBytes / 1024,
                    queueMs);
        }
    }

    /** {@code 200 Mbit/s}-style text. */
    public static String rateText(long bps) {
        return bps >= 1_000_000_000 && bps % 100_000_000 == 0
                ? String.format(Locale.ROOT, "%.1f Gbit/s", bps / 1e9)
                : String.format(Locale.ROOT, "%.0f Mbit/s", bps / 1e6);
    }

    private final String hostNs;
    private final String clientNs;
    private final Thread cleanup;
    private volatile boolean closed;

    private LinkTestBed(String hostNs, String clientNs) {
        this.hostNs = hostNs;
        this.clientNs = clientNs;
        this.cleanup = new Thread(this::deleteNamespaces, "pfl-cleanup");
    }

    /**
     * Why a test bed cannot be made here ("" when it can): not root, no iproute2, or the kernel
     * refuses a namespace, veth or tbf.
     */
    public static String unavailableReason() {
        if (!isRoot()) {
            return "the link test bed needs root (network namespaces, veth, tc); run as root or in CI";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "the link test bed needs iproute2 (`ip`, `tc`): apt-get install iproute2";
        }
        return "";
    }

    static boolean isRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid") instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Creates both namespaces and the veth pair, shapes each direction, and registers the cleanup.
     *
     * @throws IOException with the failing command's output when the kernel refuses
     */
    public static LinkTestBed create(Shape hostToClient, Shape clientToHost) throws IOException {
        sweepStale();
        String id = ProcessHandle.current().pid() + "-" + nextId();
        LinkTestBed bed = new LinkTestBed(PREFIX + "h-" + id, PREFIX + "c-" + id);
        Runtime.getRuntime().addShutdownHook(bed.cleanup);
        try {
            bed.build(hostToClient, clientToHost);
        } catch (IOException | RuntimeException e) {
            bed.close();
            throw e;
        }
        return bed;
    }

    private static synchronized int nextId() {
        return created++;
    }

    private void build(Shape hostToClient, Shape clientToHost) throws IOException {
        run("ip", "netns", "add", hostNs);
        run("ip", "netns", "add", clientNs);
        // veth names are per namespace: created inside the host namespace, the peer moved at once,
        // so two test beds never collide on an interface name.
        run("ip", "-n", hostNs, "link", "add", "pfh", "type", "veth", "peer", "name", "pfc", "netns", clientNs);
        run("ip", "-n", hostNs, "addr", "add", HOST_ADDRESS + "/24", "dev", "pfh");
        run("ip", "-n", clientNs, "addr", "add", CLIENT_ADDRESS + "/24", "dev", "pfc");
        for (String[] nd : new String[][] {{hostNs, "pfh"}, {clientNs, "pfc"}}) {
            run("ip", "-n", nd[0], "link", "set", "lo", "up");
            run("ip", "-n", nd[0], "link", "set", nd[1], "up");
        }
        shape(Direction.HOST_TO_CLIENT, hostToClient);
        shape(Direction.CLIENT_TO_HOST, clientToHost);
    }

    /** Sets (or changes, mid-run) the shape of one direction; null removes the shaping. */
    public void shape(Direction d, Shape s) throws IOException {
        String ns = d == Direction.HOST_TO_CLIENT ? hostNs : clientNs;
        String dev = d == Direction.HOST_TO_CLIENT ? "pfh" : "pfc";
        if (s == null) {
            runQuiet("tc", "-n", ns, "qdisc", "del", "dev", dev, "root");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("tc", "-n", ns, "qdisc", "replace", "dev", dev, "root"));
        cmd.addAll(List.of(s.tcArgs()));
        run(cmd.toArray(String[]::new));
    }

    /** tbf's own counters for one direction ({@code tc -s qdisc show}): sent, dropped, overlimits. */
    public String qdiscStats(Direction d) throws IOException {
        String ns = d == Direction.HOST_TO_CLIENT ? hostNs : clientNs;
        String dev = d == Direction.HOST_TO_CLIENT ? "pfh" : "pfc";
        return run("tc", "-s", "-n", ns, "qdisc", "show", "dev", dev).strip();
    }

    /** Packets tbf dropped in one direction so far (queue full). */
    public long qdiscDrops(Direction d) throws IOException {
        Matcher m = Pattern.compile("dropped (\\d+)").matcher(qdiscStats(d));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Namespace of the host end. */
    public String hostNamespace() {
        return hostNs;
    }

    /** Namespace of the client end. */
    public String clientNamespace() {
        return clientNs;
    }

    /** {@code cmd} prefixed to run inside {@code namespace}. */
    public static List<String> inNamespace(String namespace, List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(cmd);
        return full;
    }

    /**
     * Runs {@code body} on a fresh platform thread that joined {@code namespace} (setns): sockets it
     * opens live there. For in-process tests; threads it starts inherit the namespace.
     */
    @SuppressWarnings("restricted")
    public static <T> T runIn(String namespace, java.util.concurrent.Callable<T> body) throws Exception {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().name("pfl-" + namespace).start(() -> {
            java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                java.lang.invoke.MethodHandle open = linker.downcallHandle(linker.defaultLookup().findOrThrow("open"),
                        java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                                java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_INT),
                        java.lang.foreign.Linker.Option.firstVariadicArg(2));
                java.lang.invoke.MethodHandle setns = linker.downcallHandle(linker.defaultLookup().findOrThrow("setns"),
                        java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                                java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.JAVA_INT));
                int fd = (int) open.invokeExact(arena.allocateFrom("/run/netns/" + namespace), 0);
                if (fd < 0 || (int) setns.invokeExact(fd, 0x40000000 /* CLONE_NEWNET */) != 0) {
                    throw new IllegalStateException("cannot join netns " + namespace);
                }
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /** Deletes both namespaces (and with them the veth pair and qdiscs). Safe to call twice. */
    @Override
    public void close() {
        deleteNamespaces();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (or ran) deleteNamespaces itself
        }
    }

    private void deleteNamespaces() {
        if (closed) {
            return;
        }
        closed = true;
        runQuiet("ip", "netns", "del", hostNs);
        runQuiet("ip", "netns", "del", clientNs);
    }

    /** Whether both namespaces still exist. */
    public boolean exists() {
        return Files.exists(Path.of("/run/netns", hostNs)) && Files.exists(Path.of("/run/netns", clientNs));
    }

    /**
     * Deletes test-bed namespaces whose creating process is gone (a killed JVM leaves them behind).
     *
     * @return namespaces deleted
     */
    public static int sweepStale() {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive)
                        .orElse(false) == Boolean.FALSE) {
                    runQuiet("ip", "netns", "del", p.getFileName().toString());
                    n++;
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + " interrupted", e);
        }
    }

    private static void runQuiet(String... cmd) {
        try {
            run(cmd);
        } catch (IOException e) {
            // cleanup: a namespace already gone is what we wanted
        }
    }
}
