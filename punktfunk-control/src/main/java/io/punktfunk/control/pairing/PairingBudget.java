package io.punktfunk.control.pairing;

import io.punktfunk.control.message.CloseCode;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How many wrong PINs the host tolerates over time: a host-wide token bucket (this is what bounds an
 * attacker's guesses per year, see docs/control-plane.md §8) and one per source network (an IPv4
 * address or an IPv6 /64, since one device owns a whole /64), so one guesser cannot drain the
 * host-wide budget alone. A wrong PIN takes one token from both; an attempt is refused
 * {@code RATE_LIMITED} while either is empty. Thread-safe; the clock is injectable.
 */
public final class PairingBudget {
    /**
     * Budget shape.
     *
     * @param globalBurst        wrong PINs the host takes in a burst (typos of honest users)
     * @param globalRefillNs     time for one host-wide token to come back
     * @param perSourceBurst     wrong PINs one source network may make in a burst
     * @param perSourceRefillNs  time for one of its tokens to come back
     * @param maxSources         sources tracked at once; beyond that, untracked sources share one bucket
     */
    public record Limits(int globalBurst, long globalRefillNs, int perSourceBurst, long perSourceRefillNs, int maxSources) {
        /** 10 burst then 1 per hour host-wide (≤ 8,770 guesses a year); 3 then 1 per 6 h per source. */
        public static Limits defaults() {
            return new Limits(10, TimeUnit.HOURS.toNanos(1), 3, TimeUnit.HOURS.toNanos(6), 4096);
        }

        /** Upper bound on wrong PINs in {@code ns} of continuous guessing: burst plus refills. */
        public long maxGuesses(long ns) {
            return globalBurst + ns / globalRefillNs;
        }
    }

    /** A token bucket kept as "time when it is full again", so an idle bucket costs nothing to update. */
    private static final class Bucket {
        long fullAtNs;

        /** Tokens now, out of {@code burst}. */
        int tokens(long now, int burst, long refillNs) {
            long missingNs = fullAtNs - now;
            if (missingNs <= 0) {
                return burst;
            }
            return (int) Math.max(0, burst - (missingNs + refillNs - 1) / refillNs);
        }

        void take(long now, long refillNs) {
            fullAtNs = Math.max(fullAtNs, now) + refillNs;
        }

        /** Time until one token is back. */
        long waitNs(long now, int burst, long refillNs) {
            return Math.max(0, fullAtNs - now - (long) (burst - 1) * refillNs);
        }
    }

    private final Limits limits;
    private final LongSupplier nanoClock;
    private final Bucket global = new Bucket();
    private final Bucket overflow = new Bucket();
    private final Map<String, Bucket> sources = new LinkedHashMap<>();
    private long refused;

    public PairingBudget(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        global.fullAtNs = now;
        overflow.fullAtNs = now;
    }

    public PairingBudget(Limits limits) {
        this(limits, System::nanoTime);
    }

    public Limits limits() {
        return limits;
    }

    /** Throws {@code RATE_LIMITED} (with the wait) if a guess from {@code source} is not allowed now. */
    public synchronized void checkAllowed(InetAddress source) throws PairingFailure {
        long now = nanoClock.getAsLong();
        if (global.tokens(now, limits.globalBurst(), limits.globalRefillNs()) == 0) {
            refused++;
            throw new PairingFailure(CloseCode.RATE_LIMITED, "the host's budget of wrong PINs is used up; retry in "
                    + seconds(global.waitNs(now, limits.globalBurst(), limits.globalRefillNs())));
        }
        Bucket b = bucket(source, now, false);
        if (b != null && b.tokens(now, limits.perSourceBurst(), limits.perSourceRefillNs()) == 0) {
            refused++;
            throw new PairingFailure(CloseCode.RATE_LIMITED, "too many wrong PINs from " + source.getHostAddress()
                    + "; retry in " + seconds(b.waitNs(now, limits.perSourceBurst(), limits.perSourceRefillNs())));
        }
    }

    /** A wrong PIN from {@code source}: one token from its bucket and from the host's. */
    public synchronized void charge(InetAddress source) {
        long now = nanoClock.getAsLong();
        global.take(now, limits.globalRefillNs());
        bucket(source, now, true).take(now, limits.perSourceRefillNs());
    }

    /** Attempts refused by this budget so far. */
    public synchronized long refused() {
        return refused;
    }

    /** Wrong PINs the host would still take right now. */
    public synchronized int globalTokens() {
        return global.tokens(nanoClock.getAsLong(), limits.globalBurst(), limits.globalRefillNs());
    }

    private Bucket bucket(InetAddress source, long now, boolean create) {
        String key = networkKey(source);
        Bucket b = sources.get(key);
        if (b != null) {
            return b;
        }
        if (!create) {
            return sources.size() >= limits.maxSources() ? overflow : null; // untracked: a fresh bucket, or the shared one
        }
        if (sources.size() >= limits.maxSources()) {
            // forget sources whose bucket is full again; if none is, new ones share the overflow bucket
            for (Iterator<Bucket> it = sources.values().iterator(); it.hasNext(); ) {
                if (it.next().fullAtNs - now <= 0) {
                    it.remove();
                }
            }
            if (sources.size() >= limits.maxSources()) {
                return overflow;
            }
        }
        b = new Bucket();
        b.fullAtNs = now;
        sources.put(key, b);
        return b;
    }

    /** Source key: an IPv4 address (v4-mapped IPv6 too) or an IPv6 /64, which one device or household owns entirely. */
    public static String networkKey(InetAddress a) {
        byte[] bytes = a.getAddress();
        if (a instanceof Inet6Address) {
            return "6/" + Arrays.toString(Arrays.copyOf(bytes, 8));
        }
        return "4/" + Arrays.toString(bytes);
    }

    private static String seconds(long ns) {
        long s = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(ns + 999_999_999L));
        return s >= 120 ? (s / 60) + " min" : s + " s";
    }
}
