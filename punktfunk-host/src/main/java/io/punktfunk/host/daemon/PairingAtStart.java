package io.punktfunk.host.daemon;

/**
 * Whether the host opens a pairing window as it starts ({@code --pair}, {@code --pin}): pairing is an
 * explicit act, so the default is none, and a window is never re-armed by itself.
 *
 * @param open whether to open a window
 * @param pin  the PIN to use, or null for a random one of {@code pairing.pin-digits}
 */
public record PairingAtStart(boolean open, String pin) {
    public static PairingAtStart none() {
        return new PairingAtStart(false, null);
    }

    public static PairingAtStart randomPin() {
        return new PairingAtStart(true, null);
    }

    public static PairingAtStart withPin(String pin) {
        return new PairingAtStart(true, pin);
    }
}
