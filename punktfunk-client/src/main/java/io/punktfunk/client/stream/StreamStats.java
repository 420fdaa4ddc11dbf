package io.punktfunk.client.stream;

/**
 * A cumulative snapshot of one client stream (counters since connect). The live reporter subtracts
 * two snapshots for per-second rates.
 *
 * @param framesReceived    frames the data plane delivered whole (after FEC)
 * @param framesDecoded     pictures the decoder produced
 * @param framesShown       pictures presented (or verified, headless): decoded and not awaiting a keyframe
 * @param framesDamaged     pictures decoded after a loss, before the next keyframe (not shown)
 * @param framesLost        frame indices that never arrived (abandoned by the reassembler or never sent)
 * @param framesStale       frames that completed after a newer one was decoded: dropped, never fed to the
 *                          decoder, and a keyframe asked for (their successors lacked a reference)
 * @param decodeErrors      units the decoder rejected
 * @param keyframeRequests  keyframe requests sent to the host
 * @param mediaBytes        bytes of delivered frames
 * @param packetsReceived   data-plane datagrams received
 * @param fecRecovered      data shards rebuilt from parity
 * @param stampsRead        synthetic stamps read back (headless only)
 * @param stampsMissing     stamp counters skipped between two read stamps
 * @param stampRegressions  stamps whose counter did not increase
 * @param audioReceived     Opus datagrams received
 * @param audioPlayed       audio frames played from the jitter buffer
 * @param audioConcealed    audio frames concealed
 */
public record StreamStats(long framesReceived, long framesDecoded, long framesShown, long framesDamaged,
                          long framesLost, long framesStale, long decodeErrors, long keyframeRequests, long mediaBytes,
                          long packetsReceived, long fecRecovered, long stampsRead, long stampsMissing,
                          long stampRegressions, long audioReceived, long audioPlayed, long audioConcealed) {
}
