package io.punktfunk.client.view;

import io.punktfunk.media.source.SyntheticSource;
import io.punktfunk.media.video.FfmpegVideoDecoder;
import io.punktfunk.media.video.FfmpegVideoEncoder;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import io.punktfunk.media.video.VideoCodec;
import io.punktfunk.media.video.VideoDecoder;
import io.punktfunk.media.video.VideoEncoder;
import io.punktfunk.media.video.VideoEncoderConfig;

/**
 * The real picture path a client sees, in one thread: synthetic source → libx264 → h264 decoder
 * → a BGRA picture, as the session's decode thread will drive it.
 */
final class SyntheticStream implements AutoCloseable {

    private final SyntheticSource source;
    private final Picture captured;
    private final Picture decoded;
    private final VideoEncoder encoder;
    private final VideoDecoder decoder;
    private boolean fresh;

    SyntheticStream(int width, int height, int fps, boolean paced) {
        source = new SyntheticSource(width, height, fps, paced, System::nanoTime);
        captured = Picture.allocate(PixelFormat.I420, width, height);
        decoded = Picture.allocate(PixelFormat.BGRA, width, height);
        encoder = FfmpegVideoEncoder.open(
                VideoEncoderConfig.h264(width, height, fps, 20_000_000).withEncoder("libx264"));
        decoder = FfmpegVideoDecoder.open(VideoCodec.H264);
    }

    /** Captures, encodes and decodes the next frame; the BGRA picture, refilled in place. */
    Picture next() {
        source.capture(captured);
        fresh = false;
        encoder.encode(captured, false, unit -> fresh = decoder.decode(unit.data(), 0, unit.length(),
                unit.frameIndex(), unit.captureNs(), decoded));
        if (!fresh) {
            throw new IllegalStateException("no picture for frame " + captured.frameCounter()
                    + " (decoder errors " + decoder.errors() + ")");
        }
        return decoded;
    }

    @Override
    public void close() {
        decoder.close();
        encoder.close();
        decoded.close();
        captured.close();
        source.close();
    }
}
