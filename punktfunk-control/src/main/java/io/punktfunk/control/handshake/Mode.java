package io.punktfunk.control.handshake;

/** A display mode {@code width × height @ refreshHz}. */
public record Mode(int width, int height, int refreshHz) {
    /** Parses {@code 1920x1080@60} (also {@code 1920x1080x60}). */
    public static Mode parse(String s) {
        String[] parts = s.trim().toLowerCase(java.util.Locale.ROOT).split("[x@]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("mode must look like 1920x1080@60, got '" + s + "'");
        }
        try {
            return new Mode(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mode must look like 1920x1080@60, got '" + s + "'", e);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + refreshHz;
    }
}
