package io.punktfunk.host.settings;

/** When a changed setting takes effect on a running host. */
public enum Apply {
    /** At once, running sessions included (e.g. the bitrate ceiling, pairing and input policy). */
    LIVE,
    /** For sessions that start from now on; running sessions keep what they negotiated. */
    NEW_SESSIONS,
    /** Only after a restart (sockets, identities and threads set up at start). */
    RESTART;

    /** The name used in files, the API and the console. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
