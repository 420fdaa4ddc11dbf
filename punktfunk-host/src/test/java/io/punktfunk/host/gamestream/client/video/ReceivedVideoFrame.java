package io.punktfunk.host.gamestream.client.video;

/**
 * A frame the test client put back together: the access unit after the 8-byte frame header.
 *
 * @param frameType     1 P, 2 IDR (from the frame header)
 * @param rebuiltShards data shards of this frame restored from parity
 */
public record ReceivedVideoFrame(int frameIndex, int frameType, int rtpTimestamp, byte[] accessUnit, int rebuiltShards) {
    public boolean idr() {
        return frameType == 2;
    }
}
