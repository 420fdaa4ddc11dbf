package io.punktfunk.control.quic;

import io.punktfunk.control.message.CloseCode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the host refused and why, host-wide: read by tests, logs and (later) the management API. */
public final class HostCounters {
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder probesIgnored = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> closesByCode = new ConcurrentHashMap<>();

    void closed(int code) {
        closesByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Connections refused before TLS because a cap was reached (QUIC CONNECTION_REFUSED). */
    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    /** ProbeRequests ignored because the session's previous probe was still running. */
    public long probesIgnored() {
        return probesIgnored.sum();
    }

    /** Connections the host closed with {@code code} (refusals and violations, not client quits). */
    public long closes(CloseCode code) {
        LongAdder a = closesByCode.get(code.code());
        return a == null ? 0 : a.sum();
    }

    /** Every host-initiated close so far, by code name. */
    public Map<String, Long> closesByCode() {
        Map<String, Long> m = new TreeMap<>();
        closesByCode.forEach((code, n) -> m.put(CloseCode.describe(code), n.sum()));
        return m;
    }
}
