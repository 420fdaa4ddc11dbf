package io.punktfunk.host.stream;

import io.punktfunk.core.transport.ImpairmentConfig;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * How a host streams to each client.
 *
 * @param source       video source kind
 * @param display      X display for {@link SourceKind#X11} (null = {@code $DISPLAY})
 * @param file         video file for {@link SourceKind#FILE}
 * @param audio        audio source kind
 * @param audioDevice  PulseAudio source name for {@link AudioKind#PULSE} (null = default)
 * @param impairment   if not null, the data plane sends through an impaired transport (loss, bursts …) to
 *                     demonstrate recovery
 * @param dropFrame    frame indices the host encodes but deliberately does not send (forced whole-frame
 *                     loss for tests and demonstrations); never matches in normal operation
 */
public record HostStreamSettings(SourceKind source, String display, Path file, AudioKind audio, String audioDevice,
                                 ImpairmentConfig impairment, IntPredicate dropFrame) {
    /** Shortest time between two requested IDRs: one every 100 ms at most. */
    public static final long KEYFRAME_MIN_INTERVAL_NS = 100_000_000L;

    /** Synthetic video, synthetic tone, a clean transport. */
    public static HostStreamSettings defaults() {
        return new HostStreamSettings(SourceKind.SYNTHETIC, null, null, AudioKind.TONE, null, null, i -> false);
    }

    public HostStreamSettings withSource(SourceKind kind, String x11Display, Path videoFile) {
        return new HostStreamSettings(kind, x11Display, videoFile, audio, audioDevice, impairment, dropFrame);
    }

    public HostStreamSettings withAudio(AudioKind kind, String device) {
        return new HostStreamSettings(source, display, file, kind, device, impairment, dropFrame);
    }

    public HostStreamSettings withImpairment(ImpairmentConfig config) {
        return new HostStreamSettings(source, display, file, audio, audioDevice, config, dropFrame);
    }

    public HostStreamSettings withDropFrame(IntPredicate drop) {
        return new HostStreamSettings(source, display, file, audio, audioDevice, impairment, drop);
    }
}
