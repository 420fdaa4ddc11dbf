package io.punktfunk.cli.bench;

import io.punktfunk.bench.link.LinkTestBed;
import io.punktfunk.bench.link.LinkTestBed.Direction;
import io.punktfunk.bench.link.LinkTestBed.Shape;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.KnownHostStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run on a {@link LinkTestBed}: a real {@code punktfunk host} process in the host namespace, a
 * real {@code connect} (or {@code probe}) process in the client namespace, optional reshapes of the
 * host→client link at given times, and the client's output collected. Both processes are fresh
 * JVMs of this JVM's class path; identities and the host pin go into a throw-away config dir.
 */
public final class LinkRun {
    /** The host's control port inside its namespace. */
    static final int PORT = 9777;
    /** How long the host process may take to listen. */
    static final int START_WAIT_S = 150;

    /** A reshape of the host→client link {@code atSeconds} after the client's stream began. */
    public record Step(double atSeconds, Shape shape) {
    }

    /** What the client printed: its summary on stdout, its live lines on stderr; and the link's drops. */
    public record Result(int exitCode, String summary, List<String> liveLines, long linkDrops, String hostLog) {
    }

    private LinkRun() {
    }

    /**
     * Streams for {@code seconds} at {@code bitrateKbps} (ceiling) across {@code bed}, or probes at
     * {@code probeMbps} when it is > 0. {@code echo} (may be null) gets each client line as it arrives.
     */
    public static Result run(LinkTestBed bed, List<String> clientArgs, double seconds, List<Step> steps,
                             PrintWriter echo) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pfl-config-");
        Process host = null;
        Process client = null;
        try {
            Identity.loadOrCreate(dir, Identity.HOST_FILES, "punktfunk");
            Identity hostId = Identity.load(dir, Identity.HOST_FILES);
            String target = LinkTestBed.HOST_ADDRESS + ":" + PORT;
            KnownHostStore.load(dir).pin(target, hostId.fingerprint());
            Path hostLog = dir.resolve("host.log");
            host = new ProcessBuilder(LinkTestBed.inNamespace(bed.hostNamespace(), java(List.of("host", "--bind",
                    LinkTestBed.HOST_ADDRESS, "--port", String.valueOf(PORT), "--open", "--no-pairing", "--audio",
                    "none", "--no-api", "--no-mdns", "--seconds", String.valueOf((long) seconds + 60), "--config-dir",
                    dir.toString()))))
                    .redirectErrorStream(true).redirectOutput(hostLog.toFile()).start();
            awaitListening(host, hostLog);
            List<String> args = new ArrayList<>(clientArgs);
            args.add(1, target);
            args.addAll(List.of("--config-dir", dir.toString()));
            client = new ProcessBuilder(LinkTestBed.inNamespace(bed.clientNamespace(), java(args))).start();
            List<String> live = new CopyOnWriteArrayList<>();
            long[] firstLiveNs = {0};
            Process c = client;
            Thread errPump = Thread.ofPlatform().daemon().start(() -> pump(c, live, firstLiveNs, echo));
            StringBuilder out = new StringBuilder();
            Thread outPump = Thread.ofPlatform().daemon().start(() -> {
                try {
                    out.append(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the client died: its exit code says so
                }
            });
            runSteps(bed, steps, client, firstLiveNs);
            if (!client.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
                client.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // exitValue() needs it gone
            }
            outPump.join(5000);
            errPump.join(5000);
            return new Result(client.exitValue(), out.toString().strip(), List.copyOf(live),
                    bed.qdiscDrops(Direction.HOST_TO_CLIENT), Files.readString(hostLog));
        } finally {
            if (client != null) {
                client.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            if (host != null) {
                host.destroy(); // SIGTERM: the host's hook closes its sessions
                if (!host.waitFor(5, TimeUnit.SECONDS)) {
                    host.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            deleteTree(dir);
        }
    }

    /** The step times count from the client's stream start (its first live line comes 1 s after it). */
    private static void runSteps(LinkTestBed bed, List<Step> steps, Process client, long[] firstLiveNs)
            throws IOException, InterruptedException {
        for (Step s : steps) {
            while (client.isAlive()) {
                long first = firstLiveNs[0];
                if (first != 0 && System.nanoTime() - (first - 1_000_000_000L) >= (long) (s.atSeconds() * 1e9)) {
                    break;
                }
                Thread.sleep(5);
            }
            if (!client.isAlive()) {
                return;
            }
            bed.shape(Direction.HOST_TO_CLIENT, s.shape());
        }
    }

    private static void pump(Process c, List<String> live, long[] firstLiveNs, PrintWriter echo) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(c.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("[")) {
                    if (firstLiveNs[0] == 0) {
                        firstLiveNs[0] = System.nanoTime();
                    }
                    live.add(line);
                }
                if (echo != null) {
                    echo.println("client| " + line);
                    echo.flush();
                }
            }
        } catch (IOException e) {
            // stream closed with the process
        }
    }

    private static void awaitListening(Process host, Path log) throws IOException, InterruptedException {
        // a JVM start plus x264 and key loading: seconds when idle, a minute and more at load 20+
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_S);
        while (System.nanoTime() - deadline < 0) {
            if (Files.readString(log).contains("listening on udp")) {
                return;
            }
            if (!host.isAlive()) {
                throw new IOException("host exited (" + host.exitValue() + "): " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new IOException("host did not start within " + START_WAIT_S + " s: " + Files.readString(log));
    }

    /** A fresh JVM of this class path running the CLI with {@code args}. */
    public static List<String> java(List<String> args) {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/com.sun.crypto.provider=ALL-UNNAMED",
                "-XX:+UseZGC", "-Xss4m", "-cp", System.getProperty("java.class.path"), "io.punktfunk.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp dir: leftovers are harmless
        }
    }
}
