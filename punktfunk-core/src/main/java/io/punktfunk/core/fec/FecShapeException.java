package io.punktfunk.core.fec;

/**
 * A block shape or shard set the coder cannot work with: too few shards, bad lengths, out-of-range
 * indices, limits exceeded. Thrown before any kernel runs, so nothing has been written.
 */
public final class FecShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FecShapeException(String message) {
        super(message);
    }
}
