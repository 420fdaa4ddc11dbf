package io.punktfunk.embed;

/** The {@code PUNKTFUNK_ERR_*} codes of punktfunk_core.h (same values; AbiLayoutTest compares them). */
public final class EmbedStatus {
    public static final int OK = 0;
    public static final int INVALID_ARGUMENT = -1;
    public static final int STATE = -2;
    public static final int RUNTIME = -3;
    public static final int CONNECT = -4;
    public static final int NOT_PAIRED = -5;
    public static final int REFUSED = -6;
    public static final int TIMEOUT = -7;
    public static final int CLOSED = -8;
    public static final int IO = -9;
    public static final int INTERNAL = -10;

    private EmbedStatus() {
    }
}
