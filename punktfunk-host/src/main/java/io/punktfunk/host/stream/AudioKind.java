package io.punktfunk.host.stream;

import io.punktfunk.media.audio.AudioSource;
import io.punktfunk.media.audio.PulseAudioSource;
import io.punktfunk.media.audio.ToneSource;
import java.util.Locale;

/** Which audio a host sends: a synthetic tone (default), a PulseAudio source, or none. */
public enum AudioKind {
    TONE,
    PULSE,
    NONE;

    /** Frequency of the synthetic tone; the end-to-end test listens for it. */
    public static final double TONE_HZ = 440.0;

    public static AudioKind parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown audio source '" + s + "' (tone, pulse or none)");
        }
    }

    /**
     * Opens the source, or returns null for {@link #NONE}. {@code device} is the PulseAudio source
     * name (e.g. {@code <sink>.monitor}); null means the server's default source.
     */
    public AudioSource open(String device) {
        return switch (this) {
            case TONE -> new ToneSource(TONE_HZ, 0.25, true);
            case PULSE -> new PulseAudioSource(device != null ? device : "default", null);
            case NONE -> null;
        };
    }
}
