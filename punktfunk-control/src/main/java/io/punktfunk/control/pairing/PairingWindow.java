package io.punktfunk.control.pairing;

import io.punktfunk.control.message.CloseCode;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * The host's armed PIN. A PIN is single-use (burnt by the first successful pairing), expires after
 * its time to live, and burns after {@link #MAX_FAILURES_PER_PIN} wrong guesses so an online attacker
 * gets at most that many tries per PIN. Thread-safe; the clock is injectable for tests.
 */
public final class PairingWindow {
    /** Wrong guesses one PIN survives (each is one online guess out of 10^digits). */
    public static final int MAX_FAILURES_PER_PIN = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LongSupplier nanoClock;
    private String pin;
    private long expiresAtNs;
    private int failures;

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
        return newPin;
    }

    /** Disarms: no pairing until the next {@code arm}. */
    public synchronized void disarm() {
        pin = null;
    }

    /** True while a usable PIN is armed. */
    public synchronized boolean isArmed() {
        return currentOrNull() != null;
    }

    /** The PIN an attempt should be checked against; throws {@code PAIRING_NOT_ARMED} if none is usable. */
    public synchronized String pinForAttempt() throws PairingFailure {
        String p = currentOrNull();
        if (p == null) {
            throw new PairingFailure(CloseCode.PAIRING_NOT_ARMED, "pairing is not armed on this host (no PIN, or it expired or was used)");
        }
        return p;
    }

    /** A proof verified against {@code usedPin}: burn it so it can't pair a second device. */
    public synchronized void succeeded(String usedPin) {
        if (usedPin.equals(pin)) {
            pin = null;
        }
    }

    /** A proof failed against {@code usedPin}: count it, burn the PIN after too many. */
    public synchronized void failed(String usedPin) {
        if (usedPin.equals(pin) && ++failures >= MAX_FAILURES_PER_PIN) {
            pin = null;
        }
    }

    private String currentOrNull() {
        if (pin != null && nanoClock.getAsLong() - expiresAtNs >= 0) {
            pin = null;
        }
        return pin;
    }
}
