package io.punktfunk.media.video;

/**
 * What an encoder is opened with.
 *
 * @param width        picture width, even
 * @param height       picture height, even
 * @param fps          frames per second the stream runs at (rate control and VBV size)
 * @param bitrateBps   target bitrate in bits per second
 * @param codec        codec to produce
 * @param encoderName  a specific FFmpeg encoder (e.g. "libx264"), or null to take the first of
 *                     {@link VideoCodec#encoders()} that opens
 * @param intraRefresh spread intra coding over a wave of frames instead of sending whole IDRs
 *                     (x264 only); keyframes on request still work
 * @param preset       encoder speed preset; null for the encoder's low-latency default
 */
public record VideoEncoderConfig(int width, int height, int fps, long bitrateBps, VideoCodec codec,
                                 String encoderName, boolean intraRefresh, String preset) {

    public VideoEncoderConfig {
        if (width <= 0 || height <= 0 || ((width | height) & 1) != 0) {
            throw new IllegalArgumentException("size must be positive and even: " + width + "x" + height);
        }
        if (fps <= 0 || fps > 1000) {
            throw new IllegalArgumentException("fps out of range: " + fps);
        }
        if (bitrateBps < 10_000) {
            throw new IllegalArgumentException("bitrate too low: " + bitrateBps);
        }
        if (codec == null) {
            throw new IllegalArgumentException("codec is required");
        }
    }

    /** H.264 at the given size, rate and bitrate, encoder chosen automatically. */
    public static VideoEncoderConfig h264(int width, int height, int fps, long bitrateBps) {
        return new VideoEncoderConfig(width, height, fps, bitrateBps, VideoCodec.H264, null, false, null);
    }

    public VideoEncoderConfig withCodec(VideoCodec newCodec) {
        return new VideoEncoderConfig(width, height, fps, bitrateBps, newCodec, encoderName, intraRefresh, preset);
    }

    public VideoEncoderConfig withEncoder(String name) {
        return new VideoEncoderConfig(width, height, fps, bitrateBps, codec, name, intraRefresh, preset);
    }

    public VideoEncoderConfig withIntraRefresh(boolean on) {
        return new VideoEncoderConfig(width, height, fps, bitrateBps, codec, encoderName, on, preset);
    }

    public VideoEncoderConfig withPreset(String newPreset) {
        return new VideoEncoderConfig(width, height, fps, bitrateBps, codec, encoderName, intraRefresh, newPreset);
    }

    public VideoEncoderConfig withBitrate(long bps) {
        return new VideoEncoderConfig(width, height, fps, bps, codec, encoderName, intraRefresh, preset);
    }
}
