package io.punktfunk.cli.control;

import io.punktfunk.control.quic.QuicSettings;
import java.net.InetSocketAddress;

/**
 * A host given on the command line: {@code name}, {@code name:port}, {@code 10.0.0.5:9777} or
 * {@code [::1]:9777}. {@link #key()} is how the known-hosts file names it.
 */
public record HostTarget(String host, int port) {
    public static HostTarget parse(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in host '" + s + "'");
            }
            String rest = t.substring(close + 1);
            return new HostTarget(t.substring(1, close), rest.startsWith(":") ? port(rest.substring(1), s) : QuicSettings.DEFAULT_PORT);
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) {
            return new HostTarget(t.substring(0, colon), port(t.substring(colon + 1), s));
        }
        return new HostTarget(t, QuicSettings.DEFAULT_PORT); // plain name or a bare IPv6 literal
    }

    private static int port(String p, String whole) {
        try {
            int v = Integer.parseInt(p);
            if (v < 1 || v > 65535) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + whole + "'");
        }
    }

    /** How long a name that DNS does not know is looked for by mDNS. */
    static final java.time.Duration DISCOVERY_WAIT = java.time.Duration.ofSeconds(4);

    /**
     * A host argument as {@code pair}/{@code connect}/{@code probe} take it: {@code address[:port]},
     * a DNS name, or the name a host advertises by mDNS ({@code punktfunk discover} lists them). A name
     * without a port that DNS cannot resolve is looked up by mDNS; {@code notes} hears where it was found.
     */
    public static HostTarget lookup(String arg, java.util.function.Consumer<String> notes) {
        HostTarget t = parse(arg);
        boolean explicitPort = arg.strip().lastIndexOf(':') > arg.strip().lastIndexOf(']');
        if (explicitPort || !new InetSocketAddress(t.host, t.port).isUnresolved()) {
            return t;
        }
        try {
            var found = io.punktfunk.client.discovery.HostBrowser.find(t.host, DISCOVERY_WAIT);
            if (found.isEmpty()) {
                throw new IllegalArgumentException("cannot resolve host '" + t.host + "', and no host of that name answered by mDNS"
                        + " (punktfunk discover lists the hosts that do)");
            }
            var h = found.get();
            notes.accept("found '" + h.name() + "' at " + h.target() + " by mDNS (fingerprint " + h.fingerprint() + ")");
            return new HostTarget(h.address().getHostAddress(), h.port());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot resolve host '" + t.host + "' (mDNS: " + e.getMessage() + ")", e);
        }
    }

    /**
     * {@link #lookup} for a command: notes and the failure go to {@code err} as {@code punktfunk: …}
     * lines; null when the host cannot be found (the command then exits with {@code ExitCodes.CONNECT}).
     */
    public static HostTarget lookupOrReport(String arg, java.io.PrintWriter err) {
        try {
            return lookup(arg, note -> {
                err.println("punktfunk: " + note);
                err.flush();
            });
        } catch (IllegalArgumentException e) {
            err.println("punktfunk: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /** Resolves the name now. */
    public InetSocketAddress address() {
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'");
        }
        return a;
    }

    /** Key in known-hosts.tsv. */
    public String key() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
