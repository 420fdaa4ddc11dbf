package io.punktfunk.embed;

/** A failure with its {@link EmbedStatus} code; the message becomes {@code punktfunk_last_error()}. */
final class EmbedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    EmbedException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}
