package io.punktfunk.host.gamestream.http;

/**
 * What the GameStream pairing ceremony tells the host daemon (its event stream): a Moonlight client waits
 * for its PIN, the wait ended, a client paired or failed to. Called on nvhttp's threads; must not block.
 * Every method has a do-nothing default.
 */
public interface PairingListener {
    PairingListener NONE = new PairingListener() { };

    /** A client waits for the operator to enter the PIN it shows. */
    default void pinWanted(PinEntry.Waiting waiting) {
    }

    /** The wait ended: {@code reason} is "PIN entered" or "no PIN entered in time". */
    default void pinClosed(PinEntry.Waiting waiting, String reason) {
    }

    /** The ceremony completed: the client's certificate is stored. */
    default void paired(String clientName, String fingerprint) {
    }

    /** The ceremony failed at its last phase: "wrong PIN" or "bad client signature". */
    default void failed(String clientName, String reason) {
    }
}
