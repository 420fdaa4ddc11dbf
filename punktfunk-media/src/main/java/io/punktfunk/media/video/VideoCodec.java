package io.punktfunk.media.video;

import java.util.List;

/**
 * Video codecs punktfunk streams, each with the FFmpeg encoders tried in order (hardware first:
 * they are used only when their device opens) and the decoders that read it.
 */
public enum VideoCodec {
    H264(List.of("h264_nvenc", "libx264"), List.of("h264")),
    HEVC(List.of("hevc_nvenc", "libx265"), List.of("hevc")),
    // FFmpeg's native "av1" decoder needs a hardware accelerator; libaom decodes in software.
    AV1(List.of("av1_nvenc", "libsvtav1", "libaom-av1"), List.of("libdav1d", "libaom-av1", "av1"));

    private final List<String> encoders;
    private final List<String> decoders;

    VideoCodec(List<String> encoders, List<String> decoders) {
        this.encoders = encoders;
        this.decoders = decoders;
    }

    /** FFmpeg encoder names in order of preference. */
    public List<String> encoders() {
        return encoders;
    }

    /** FFmpeg decoder names in order of preference. */
    public List<String> decoders() {
        return decoders;
    }
}
