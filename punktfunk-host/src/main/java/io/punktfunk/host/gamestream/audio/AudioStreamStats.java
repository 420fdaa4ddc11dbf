package io.punktfunk.host.gamestream.audio;

import java.net.InetSocketAddress;

/**
 * A snapshot of one GameStream audio stream's counters.
 *
 * @param packetsSent    Opus data packets handed to the socket (data and parity: {@code datagramsSent})
 * @param fecPackets     parity packets built (2 per 4 data packets)
 * @param datagramsSent  datagrams the socket took
 * @param sendDrops      datagrams dropped locally (send buffer full, transient error)
 * @param silentPackets  packets encoded from silence because there is no source
 * @param pings          client pings accepted
 * @param rejected       datagrams on the audio port that were not a valid ping, dropped
 * @param threadCpuNs    CPU time of the audio thread so far
 * @param peer           where audio goes (null before the first ping)
 */
public record AudioStreamStats(long packetsSent, long fecPackets, long datagramsSent, long sendDrops,
                               long silentPackets, long pings, long rejected, long threadCpuNs,
                               InetSocketAddress peer) {
}
