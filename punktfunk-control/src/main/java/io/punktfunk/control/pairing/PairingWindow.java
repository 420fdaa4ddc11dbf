package io.punktfunk.control.pairing;

import io.punktfunk.control.message.CloseCode;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * The host's armed PIN. A PIN is single-use (burnt by the first successful pairing), expires after
 * its time to live, and burns after {@link #MAX_FAILURES_PER_PIN} wrong guesses so an online attacker
 * gets at most that many tries per PIN. One ceremony runs at a time, so parallel connections can't
 * race the rate limiter or pair twice with one PIN; a stalled ceremony loses its slot after
 * {@link #CEREMONY_SLOT_NS}. Thread-safe; the clock is injectable for tests.
 */
public final class PairingWindow {
    /** Wrong guesses one PIN survives (each is one online guess out of 10^digits). */
    public static final int MAX_FAILURES_PER_PIN = 3;
    /** Longest a ceremony may hold the slot: SPAKE2 needs two round trips and two scrypt runs. */
    public static final long CEREMONY_SLOT_NS = 10_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LongSupplier nanoClock;
    private String pin;
    private long expiresAtNs;
    private int failures;
    private Object slotOwner;
    private long slotTakenNs;
    private String closedBecause = "never armed";

    public PairingWindow() {
        this(System::nanoTime);
    }

    public PairingWindow(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Arms a random PIN of {@code digits} (≥ 4) digits valid for {@code ttlNs}; returns it for display. */
    public synchronized String armRandom(int digits, long ttlNs) {
        if (digits < 4 || digits > 12) {
            throw new IllegalArgumentException("a PIN has 4..12 digits");
        }
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return arm(sb.toString(), ttlNs);
    }

    /** Arms a given PIN (tests, {@code --pin}); must be at least 4 digits. */
    public synchronized String arm(String newPin, long ttlNs) {
        if (newPin == null || newPin.length() < 4 || !newPin.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("a PIN is 4 or more digits");
        }
        this.pin = newPin;
        this.expiresAtNs = nanoClock.getAsLong() + ttlNs;
        this.failures = 0;
        this.closedBecause = null;
        return newPin;
    }

    /** Disarms: no pairing until the next {@code arm}. */
    public synchronized void disarm() {
        close("disarmed");
    }

    /** Why the window is closed ("paired", "expired", …), or null while it is open. */
    public synchronized String closedBecause() {
        currentOrNull();
        return closedBecause;
    }

    /** When the armed PIN expires (nano clock), or 0 if none is armed. */
    public synchronized long expiresAtNs() {
        return currentOrNull() == null ? 0 : expiresAtNs;
    }

    private void close(String why) {
        if (pin != null) {
            pin = null;
            closedBecause = why;
        }
    }

    /** True while a usable PIN is armed. */
    public synchronized boolean isArmed() {
        return currentOrNull() != null;
    }

    /**
     * Starts a ceremony for {@code owner}: returns the PIN to check against. Throws
     * {@code PAIRING_NOT_ARMED} if no PIN is usable and {@code RATE_LIMITED} while another ceremony holds the slot.
     */
    public synchronized String begin(Object owner) throws PairingFailure {
        String p = currentOrNull();
        if (p == null) {
            throw new PairingFailure(CloseCode.PAIRING_NOT_ARMED, "pairing is not armed on this host (no PIN, or it expired or was used)");
        }
        if (slotOwner != null && slotOwner != owner && nanoClock.getAsLong() - slotTakenNs < CEREMONY_SLOT_NS) {
            throw new PairingFailure(CloseCode.RATE_LIMITED, "another pairing is in progress; retry in a few seconds");
        }
        slotOwner = owner;
        slotTakenNs = nanoClock.getAsLong();
        return p;
    }

    /**
     * A proof verified against {@code usedPin}: burns the PIN and frees the slot. Returns false if the
     * PIN is no longer the armed one (expired, or re-armed meanwhile): then the pairing must not count.
     */
    public synchronized boolean succeeded(Object owner, String usedPin) {
        release(owner);
        if (usedPin.equals(currentOrNull())) {
            close("a client paired");
            return true;
        }
        return false;
    }

    /** A proof failed against {@code usedPin}: count it, burn the PIN after too many, free the slot. */
    public synchronized void failed(Object owner, String usedPin) {
        release(owner);
        if (usedPin.equals(pin) && ++failures >= MAX_FAILURES_PER_PIN) {
            close(MAX_FAILURES_PER_PIN + " wrong PINs");
        }
    }

    /** Frees the slot if {@code owner} holds it (ceremony abandoned: connection closed mid-way). */
    public synchronized void release(Object owner) {
        if (slotOwner == owner) {
            slotOwner = null;
        }
    }

    private String currentOrNull() {
        if (pin != null && nanoClock.getAsLong() - expiresAtNs >= 0) {
            close("expired");
        }
        return pin;
    }
}
