package io.punktfunk.media.video;

/** An access unit copied out of an encoder's reused buffer, for tests that keep a stream. */
record VideoFrames(byte[] bytes, long frameIndex, long captureNs, boolean keyframe) {

    static VideoFrames copyOf(AccessUnit unit) {
        return new VideoFrames(unit.toByteArray(), unit.frameIndex(), unit.captureNs(), unit.keyframe());
    }
}
