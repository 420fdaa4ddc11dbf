package io.punktfunk.host.stream;

/**
 * What a desktop costs now: its processes (X server, window manager, apps and their children), their
 * resident memory and the CPU time they have used since they started.
 */
public record DesktopUsage(int processes, long rssBytes, long cpuNs) {
    @Override
    public String toString() {
        return String.format("%d processes, RSS %.1f MB, CPU %.2f s", processes, rssBytes / 1e6, cpuNs / 1e9);
    }
}
