package io.punktfunk.host.stream;

import io.punktfunk.core.transport.ImpairmentConfig;
import io.punktfunk.core.transport.Transport;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

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
 * @param dataTransport wraps each session's data-plane transport (identity in normal operation; tests
 *                     inject faults through it)
 */
public record HostStreamSettings(SourceKind source, String display, Path file, AudioKind audio, String audioDevice,
                                 ImpairmentConfig impairment, IntPredicate dropFrame,
                                 UnaryOperator<Transport> dataTransport) {
    /** Shortest time between two requested IDRs: one every 100 ms at most. */
    public static final long KEYFRAME_MIN_INTERVAL_NS = 100_000_000L;

    /** Synthetic video, synthetic tone, a clean transport. */
    public static HostStreamSettings defaults() {
        return new HostStreamSettings(SourceKind.SYNTHETIC, null, null, AudioKind.TONE, null, null, i -> false,
                UnaryOperator.identity());
    }

    public HostStreamSettings withSource(SourceKind kind, String x11Display, Path videoFile) {
        return new HostStreamSettings(kind, x11Display, videoFile, audio, audioDevice, impairment, dropFrame, dataTransport);
    }

    public HostStreamSettings withAudio(AudioKind kind, String device) {
        return new HostStreamSettings(source, display, file, kind, device, impairment, dropFrame, dataTransport);
    }

    public HostStreamSettings withImpairment(ImpairmentConfig config) {
        return new HostStreamSettings(source, display, file, audio, audioDevice, config, dropFrame, dataTransport);
    }

    public HostStreamSettings withDataTransport(UnaryOperator<Transport> wrapper) {
        return new HostStreamSettings(source, display, file, audio, audioDevice, impairment, dropFrame, wrapper);
    }

    public HostStreamSettings withDropFrame(IntPredicate drop) {
        return new HostStreamSettings(source, display, file, audio, audioDevice, impairment, drop, dataTransport);
    }
}
