package io.punktfunk.media.video;

import io.punktfunk.media.source.SyntheticSource;
import io.punktfunk.media.source.SyntheticStamp;
import java.util.Arrays;

/**
 * Measures per-frame capture, encode and decode time of the synthetic → encoder → decoder path
 * (not a test: timings belong in benchmarks). Run from the module directory:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat cp.txt) \
 *   io.punktfunk.media.video.VideoCodecTiming [encoder=libx264] [frames=600] [width=1280] [height=720]
 *   [fps=60] [bitrate=20000000] [paced=true] [intraRefresh=false] [preset]
 * </pre>
 */
public final class VideoCodecTiming {

    private VideoCodecTiming() {
    }

    public static void main(String[] args) {
        String encoderName = arg(args, 0, "libx264");
        int frames = Integer.parseInt(arg(args, 1, "600"));
        int width = Integer.parseInt(arg(args, 2, "1280"));
        int height = Integer.parseInt(arg(args, 3, "720"));
        int fps = Integer.parseInt(arg(args, 4, "60"));
        long bitrate = Long.parseLong(arg(args, 5, "20000000"));
        boolean paced = Boolean.parseBoolean(arg(args, 6, "true"));
        boolean intraRefresh = Boolean.parseBoolean(arg(args, 7, "false"));
        String preset = args.length > 8 ? args[8] : null;
        VideoCodec codec = encoderName.contains("265") || encoderName.startsWith("hevc") ? VideoCodec.HEVC
                : encoderName.contains("av1") ? VideoCodec.AV1 : VideoCodec.H264;
        long[] capture = new long[frames];
        long[] encode = new long[frames];
        long[] decode = new long[frames];
        long[] bytes = new long[frames];
        long[] stampToDecoded = new long[frames];
        int[] stampsOk = {0};
        VideoEncoderConfig config = new VideoEncoderConfig(width, height, fps, bitrate, codec, encoderName, intraRefresh,
                preset);
        try (SyntheticSource source = new SyntheticSource(width, height, fps, paced, System::nanoTime);
             Picture picture = Picture.allocate(PixelFormat.I420, width, height);
             Picture decoded = Picture.allocate(PixelFormat.I420, width, height);
             VideoEncoder encoder = FfmpegVideoEncoder.open(config);
             VideoDecoder decoder = FfmpegVideoDecoder.open(codec)) {
            long[] encodeEnd = new long[1];
            for (int i = 0; i < frames; i++) {
                long t0 = System.nanoTime();
                source.capture(picture);
                long t1 = System.nanoTime();
                int index = i;
                encoder.encode(picture, false, unit -> {
                    encodeEnd[0] = System.nanoTime();
                    bytes[index] = unit.length();
                    long d0 = System.nanoTime();
                    if (decoder.decode(unit.data(), 0, unit.length(), unit.frameIndex(), unit.captureNs(), decoded)) {
                        decode[index] = System.nanoTime() - d0;
                        var stamp = SyntheticStamp.read(decoded).filter(s -> s.counter() == index);
                        if (stamp.isPresent()) {
                            stampsOk[0]++;
                            // The stamp's clock is this process's nanoTime: stamp -> decoded picture read back.
                            stampToDecoded[index] = System.nanoTime() - stamp.get().captureNs();
                        }
                    }
                });
                capture[i] = t1 - t0; // includes the wait for the frame when paced, so reported only unpaced
                encode[i] = encodeEnd[0] - t1;
            }
            System.out.printf("%s %dx%d@%d %d bit/s, %d frames, paced=%s, intraRefresh=%s, preset=%s, decoder %s,"
                    + " cores=%d%n", encoderName, width, height, fps, bitrate, frames, paced, intraRefresh, preset,
                    decoder.decoderName(), Runtime.getRuntime().availableProcessors());
        }
        int warm = Math.min(frames / 10, 60);
        report("encode", Arrays.copyOfRange(encode, warm, frames));
        report("decode", Arrays.copyOfRange(decode, warm, frames));
        report("stamp->decoded", Arrays.copyOfRange(stampToDecoded, warm, frames));
        if (!paced) {
            report("capture", Arrays.copyOfRange(capture, warm, frames));
        }
        long total = Arrays.stream(bytes, warm, frames).sum();
        System.out.printf("mean AU %.0f B (%.2f Mbit/s at %d fps); stamps read back %d/%d%n",
                (double) total / (frames - warm), total * 8.0 * fps / (frames - warm) / 1e6, fps, stampsOk[0], frames);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-15s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", what, pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
