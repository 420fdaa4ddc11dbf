package io.punktfunk.media.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PulseAudio server for one test: its own runtime directory and socket, a 48 kHz null
 * sink {@code pfsink} (whose monitor records what is played into it), stopped with the process
 * it started.
 */
final class PulseServer implements AutoCloseable {

    static final String SINK = "pfsink";

    private final Process process;
    private final Path directory;
    private final String server;

    private PulseServer(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
        this.server = "unix:" + directory.resolve("native");
    }

    static boolean installed() {
        return onPath("pulseaudio") && onPath("pacat");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static PulseServer start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("pf-pulse");
        ProcessBuilder builder = new ProcessBuilder("pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
                "--use-pid-file=no", "--disallow-exit",
                "--load=module-null-sink sink_name=" + SINK + " rate=48000 channels=2",
                "--load=module-native-protocol-unix socket=" + directory.resolve("native") + " auth-anonymous=1")
                .redirectErrorStream(true).redirectOutput(directory.resolve("log").toFile());
        builder.environment().put("HOME", directory.toString());
        builder.environment().put("PULSE_RUNTIME_PATH", directory.toString());
        PulseServer pulse = new PulseServer(builder.start(), directory);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(directory.resolve("native"))) {
            if (!pulse.process.isAlive() || System.nanoTime() - deadline > 0) {
                String log = Files.exists(directory.resolve("log")) ? Files.readString(directory.resolve("log")) : "";
                pulse.close();
                throw new IOException("pulseaudio did not start: " + log);
            }
            Thread.sleep(50);
        }
        return pulse;
    }

    String server() {
        return server;
    }

    /** Starts {@code pacat} playing raw s16le 48 kHz stereo from its stdin into the null sink. */
    Process play() throws IOException {
        return new ProcessBuilder("pacat", "--server=" + server, "--device=" + SINK, "--rate=48000", "--channels=2",
                "--format=s16le", "--latency-msec=20", "--playback")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
