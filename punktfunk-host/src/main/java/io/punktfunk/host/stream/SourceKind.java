package io.punktfunk.host.stream;

import io.punktfunk.control.handshake.Mode;
import io.punktfunk.media.source.FileSource;
import io.punktfunk.media.source.SyntheticSource;
import io.punktfunk.media.source.VideoSource;
import io.punktfunk.media.source.X11Source;
import java.nio.file.Path;
import java.util.Locale;

/** Which video source a host captures: {@code --source synthetic|x11|file|virtual} or {@code PUNKTFUNK_VIDEO_SOURCE}. */
public enum SourceKind {
    /** Moving test pattern with a readable frame-counter/timestamp stamp (the default). */
    SYNTHETIC,
    /** An X11 display through x11grab ({@code DISPLAY} or {@code --display}). */
    X11,
    /** A looping video file ({@code --file}). */
    FILE,
    /**
     * A desktop per client at its own mode ({@code io.punktfunk.host.display}): each session captures its own
     * X display, which {@link StreamingHost} gets from its {@link SessionDesktops}.
     */
    VIRTUAL;

    /** The environment variable that picks the source when no option does. */
    public static final String ENV = "PUNKTFUNK_VIDEO_SOURCE";

    /** Parses {@code synthetic}, {@code x11} or {@code file} (case-insensitive). */
    public static SourceKind parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown video source '" + s + "' (synthetic, x11, file or virtual)");
        }
    }

    /** The option if given, else the environment variable, else synthetic. */
    public static SourceKind resolve(String option) {
        if (option != null) {
            return parse(option);
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? SYNTHETIC : parse(env);
    }

    /**
     * Opens this source at the client's mode. {@code display} is used by X11 (null = {@code $DISPLAY}),
     * {@code file} by FILE.
     */
    public VideoSource open(Mode mode, String display, Path file) {
        return switch (this) {
            case SYNTHETIC -> SyntheticSource.paced(mode.width(), mode.height(), mode.refreshHz());
            case X11 -> {
                String d = display != null ? display : System.getenv("DISPLAY");
                if (d == null || d.isBlank()) {
                    throw new IllegalArgumentException("x11 source needs a display: set DISPLAY or --display");
                }
                yield new X11Source(d, 0, 0, mode.width(), mode.height(), mode.refreshHz());
            }
            case FILE -> {
                if (file == null) {
                    throw new IllegalArgumentException("file source needs --file PATH");
                }
                yield new FileSource(file, mode.width(), mode.height(), mode.refreshHz(), true);
            }
            case VIRTUAL -> throw new IllegalArgumentException(
                    "the virtual source is a display per session: the host needs its SessionDesktops");
        };
    }
}
