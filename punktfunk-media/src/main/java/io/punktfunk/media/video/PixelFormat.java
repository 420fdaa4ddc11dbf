package io.punktfunk.media.video;

/**
 * Memory layouts a {@link Picture} can hold. I420 is what libx264 takes without conversion, so it
 * is the format sources produce and decoders hand back; BGRA exists for presentation (toolkits
 * draw 32-bit pixels).
 */
public enum PixelFormat {
    /** Planar Y, U, V; chroma halved in both directions. Width and height must be even. */
    I420(3),
    /** One plane, four bytes per pixel in B, G, R, A order. */
    BGRA(1);

    private final int planes;

    PixelFormat(int planes) {
        this.planes = planes;
    }

    /** Number of planes. */
    public int planes() {
        return planes;
    }

    /** Bytes of picture content in one row of {@code plane} (excluding stride padding). */
    public int rowBytes(int plane, int width) {
        return switch (this) {
            case I420 -> plane == 0 ? width : width / 2;
            case BGRA -> width * 4;
        };
    }

    /** Rows in {@code plane}. */
    public int rows(int plane, int height) {
        return switch (this) {
            case I420 -> plane == 0 ? height : height / 2;
            case BGRA -> height;
        };
    }
}
