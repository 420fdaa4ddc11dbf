package io.punktfunk.host.gamestream.video;

import java.net.InetSocketAddress;

/**
 * A snapshot of one GameStream video stream's counters.
 *
 * @param framesSent        frames packetized and handed to the pacer
 * @param keyframesSent     IDRs among them (the first frame included)
 * @param idrRequests       IDR requests received ({@link GameStreamVideoStream#requestIdr})
 * @param packetsSent       datagrams the socket took (data and parity)
 * @param parityPackets     FEC parity datagrams built
 * @param sendDrops         datagrams dropped locally: send buffer full or a transient send error
 * @param framesTooLarge    frames over 4 × 1023 packets, not sent (an IDR follows)
 * @param framesWithoutFec  frames over 4 blocks, sent without parity
 * @param pings             client pings accepted
 * @param rejected          datagrams on the video port that were not a valid ping, dropped
 * @param threadCpuNs       CPU time of the capture/encode/send thread since streaming began (FEC warm-up and
 *                          the wait for the first ping excluded)
 * @param peer              where video goes (null before the first ping)
 */
public record VideoStreamStats(long framesSent, long keyframesSent, long idrRequests, long packetsSent,
                               long parityPackets, long sendDrops, long framesTooLarge, long framesWithoutFec,
                               long pings, long rejected, long threadCpuNs, InetSocketAddress peer) {
}
