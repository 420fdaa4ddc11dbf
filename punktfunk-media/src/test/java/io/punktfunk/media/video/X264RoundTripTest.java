package io.punktfunk.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.media.source.SyntheticSource;
import io.punktfunk.media.source.SyntheticStamp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Synthetic source → libx264 → h264 decoder at 1280×720, checking every stamp. */
class X264RoundTripTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int FPS = 60;

    private static List<VideoFrames> encode(int frames, long bitrate, int idrAt) {
        return encode(VideoEncoderConfig.h264(WIDTH, HEIGHT, FPS, bitrate).withEncoder("libx264"), frames, idrAt);
    }

    private static List<VideoFrames> encode(VideoEncoderConfig config, int frames, int idrAt) {
        List<VideoFrames> out = new ArrayList<>();
        try (SyntheticSource source = SyntheticSource.unpaced(WIDTH, HEIGHT, FPS);
             Picture picture = Picture.allocate(PixelFormat.I420, WIDTH, HEIGHT);
             VideoEncoder encoder = FfmpegVideoEncoder.open(config)) {
            for (int i = 0; i < frames; i++) {
                source.capture(picture);
                encoder.encode(picture, i == idrAt, unit -> out.add(VideoFrames.copyOf(unit)));
            }
        }
        return out;
    }

    @Test
    void everyStampSurvivesEncodeAndDecodeInOrder() {
        List<VideoFrames> units = encode(120, 8_000_000, -1);
        assertThat(units).as("one access unit per picture, no delay").hasSize(120);
        try (VideoDecoder decoder = FfmpegVideoDecoder.open(VideoCodec.H264);
             Picture picture = Picture.allocate(PixelFormat.I420, WIDTH, HEIGHT)) {
            long previous = -1;
            for (VideoFrames unit : units) {
                // Odd units go in through the segment overload (native memory, as a data plane may hold them).
                boolean decoded;
                if (unit.frameIndex() % 2 == 0) {
                    decoded = decoder.decode(unit.bytes(), 0, unit.bytes().length, unit.frameIndex(), unit.captureNs(),
                            picture);
                } else {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment segment = arena.allocate(unit.bytes().length);
                        MemorySegment.copy(unit.bytes(), 0, segment, ValueLayout.JAVA_BYTE, 0, unit.bytes().length);
                        decoded = decoder.decode(segment, unit.frameIndex(), unit.captureNs(), picture);
                    }
                }
                assertThat(decoded).as("unit %d gives a picture at once", unit.frameIndex()).isTrue();
                Optional<SyntheticStamp> stamp = SyntheticStamp.read(picture);
                assertThat(stamp).as("stamp of unit %d", unit.frameIndex()).isPresent();
                assertThat(stamp.get().counter()).as("no frame missing or reordered").isEqualTo(previous + 1);
                assertThat(stamp.get().captureNs()).isEqualTo(unit.captureNs());
                assertThat(picture.captureNs()).isEqualTo(unit.captureNs());
                previous = stamp.get().counter();
            }
            assertThat(previous).isEqualTo(119);
            assertThat(decoder.errors()).isZero();
            assertThat(decoder.awaitingKeyframe()).isFalse();
            assertThat(decoder.frameWidth()).isEqualTo(WIDTH);
            assertThat(decoder.frameHeight()).isEqualTo(HEIGHT);
        }
    }

    @Test
    void infiniteGopHasOneKeyframeAndIdrOnRequestLandsOnThatFrame() {
        int idrAt = 37;
        List<VideoFrames> units = encode(60, 8_000_000, idrAt);
        List<Long> keyframes = units.stream().filter(VideoFrames::keyframe).map(VideoFrames::frameIndex).toList();
        assertThat(keyframes).containsExactly(0L, (long) idrAt);
    }

    @Test
    void intraRefreshSendsNoPeriodicIdrButHonoursRequests() {
        VideoEncoderConfig config = VideoEncoderConfig.h264(WIDTH, HEIGHT, FPS, 8_000_000).withEncoder("libx264")
                .withIntraRefresh(true);
        int idrAt = 100;
        List<VideoFrames> units = encode(config, 130, idrAt);
        assertThat(units.stream().filter(VideoFrames::keyframe).map(VideoFrames::frameIndex).toList())
                .as("refresh waves (every %d frames) are not IDRs", FPS).containsExactly(0L, (long) idrAt);
        try (VideoDecoder decoder = FfmpegVideoDecoder.open(VideoCodec.H264);
             Picture picture = Picture.allocate(PixelFormat.I420, WIDTH, HEIGHT)) {
            for (VideoFrames unit : units) {
                assertThat(decoder.decode(unit.bytes(), 0, unit.bytes().length, unit.frameIndex(), unit.captureNs(),
                        picture)).isTrue();
                assertThat(SyntheticStamp.read(picture)).as("unit %d", unit.frameIndex())
                        .contains(new SyntheticStamp(unit.frameIndex(), unit.captureNs()));
            }
        }
    }

    @Test
    void decoderConvertsToBgraForPresentation() {
        List<VideoFrames> units = encode(3, 8_000_000, -1);
        try (VideoDecoder decoder = FfmpegVideoDecoder.open(VideoCodec.H264);
             Picture bgra = Picture.allocate(PixelFormat.BGRA, WIDTH, HEIGHT);
             Picture i420 = Picture.allocate(PixelFormat.I420, WIDTH, HEIGHT);
             VideoDecoder reference = FfmpegVideoDecoder.open(VideoCodec.H264)) {
            for (VideoFrames unit : units) {
                assertThat(decoder.decode(unit.bytes(), 0, unit.bytes().length, unit.frameIndex(), unit.captureNs(),
                        bgra)).isTrue();
                reference.decode(unit.bytes(), 0, unit.bytes().length, unit.frameIndex(), unit.captureNs(), i420);
            }
            SyntheticStamp stamp = SyntheticStamp.read(i420).orElseThrow();
            int block = SyntheticStamp.blockSize(WIDTH);
            // Stamp bit 0 is the counter's lowest bit: frame 2 -> black, bit 1 -> white.
            assertThat(stamp.counter()).isEqualTo(2);
            assertThat(grey(bgra, block / 2, block / 2)).as("bit 0 block").isLessThan(40);
            assertThat(grey(bgra, block + block / 2, block / 2)).as("bit 1 block").isGreaterThan(215);
            assertThat(bgra.plane(0).get(java.lang.foreign.ValueLayout.JAVA_BYTE, 3) & 0xFF).as("alpha").isEqualTo(255);
        }
    }

    private static int grey(Picture bgra, int x, int y) {
        long at = (long) y * bgra.stride(0) + 4L * x;
        int b = bgra.plane(0).get(java.lang.foreign.ValueLayout.JAVA_BYTE, at) & 0xFF;
        int g = bgra.plane(0).get(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 1) & 0xFF;
        int r = bgra.plane(0).get(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 2) & 0xFF;
        return (r + g + b) / 3;
    }

    @Test
    void decoderSurvivesALostFrameAndRecoversAtTheNextIdr() {
        int lost = 20;
        int idrAt = 40;
        List<VideoFrames> units = encode(60, 8_000_000, idrAt);
        try (VideoDecoder decoder = FfmpegVideoDecoder.open(VideoCodec.H264);
             Picture picture = Picture.allocate(PixelFormat.I420, WIDTH, HEIGHT)) {
            int damagedOrMissing = 0;
            for (VideoFrames unit : units) {
                if (unit.frameIndex() == lost) {
                    continue;
                }
                boolean decoded = decoder.decode(unit.bytes(), 0, unit.bytes().length, unit.frameIndex(),
                        unit.captureNs(), picture);
                assertThat(decoder.awaitingKeyframe()).as("awaiting a keyframe after unit %d", unit.frameIndex())
                        .isEqualTo(unit.frameIndex() > lost && unit.frameIndex() < idrAt);
                Optional<SyntheticStamp> stamp = decoded ? SyntheticStamp.read(picture) : Optional.empty();
                if (unit.frameIndex() < lost || unit.frameIndex() >= idrAt) {
                    assertThat(stamp).as("unit %d (intact reference chain)", unit.frameIndex())
                            .contains(new SyntheticStamp(unit.frameIndex(), unit.captureNs()));
                } else if (stamp.isEmpty() || stamp.get().counter() != unit.frameIndex()) {
                    damagedOrMissing++;
                }
            }
            // The stamp band changes every frame, so predicting from the wrong reference breaks it.
            assertThat(damagedOrMissing).as("frames between the loss and the IDR are damaged").isPositive();
        }
    }

    @Test
    void garbageUnitsAreCountedNotThrown() {
        try (VideoDecoder decoder = FfmpegVideoDecoder.open(VideoCodec.H264);
             Picture picture = Picture.allocate(PixelFormat.I420, WIDTH, HEIGHT)) {
            byte[] junk = new byte[4096];
            new java.util.SplittableRandom(5).nextBytes(junk);
            junk[0] = 0;
            junk[1] = 0;
            junk[2] = 1;
            assertThat(decoder.decode(junk, 0, junk.length, 0, 0, picture)).isFalse();
            assertThat(decoder.decode(junk, 10, 0, 1, 0, picture)).isFalse();
            assertThat(decoder.decode(junk, 4000, 200, 2, 0, picture)).isFalse();
            assertThat(decoder.errors()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void bitrateChangeTakesEffectWithoutAnIdr() {
        List<VideoFrames> out = new ArrayList<>();
        VideoEncoderConfig config = VideoEncoderConfig.h264(WIDTH, HEIGHT, FPS, 12_000_000).withEncoder("libx264");
        try (SyntheticSource source = SyntheticSource.unpaced(WIDTH, HEIGHT, FPS);
             Picture picture = Picture.allocate(PixelFormat.I420, WIDTH, HEIGHT);
             VideoEncoder encoder = FfmpegVideoEncoder.open(config)) {
            assertThat(encoder.liveBitrate()).isTrue();
            for (int i = 0; i < 180; i++) {
                if (i == 60) {
                    encoder.bitrate(1_000_000);
                } else if (i == 120) {
                    encoder.bitrate(12_000_000);
                }
                source.capture(picture);
                encoder.encode(picture, false, unit -> out.add(VideoFrames.copyOf(unit)));
            }
        }
        double high = meanBytes(out, 30, 60);
        double low = meanBytes(out, 90, 120);
        double highAgain = meanBytes(out, 150, 180);
        System.out.printf("x264 mean P-frame bytes: 12 Mbit/s %.0f, 1 Mbit/s %.0f, 12 Mbit/s again %.0f%n",
                high, low, highAgain);
        assertThat(low).as("1 Mbit/s frames are much smaller than 12 Mbit/s ones").isLessThan(high / 3);
        assertThat(highAgain).as("raising the rate again grows the frames").isGreaterThan(low * 3);
        assertThat(out.stream().filter(VideoFrames::keyframe).count()).as("no IDR for a live change").isEqualTo(1);
    }

    private static double meanBytes(List<VideoFrames> units, int from, int to) {
        return units.subList(from, to).stream().mapToInt(u -> u.bytes().length).average().orElseThrow();
    }
}
