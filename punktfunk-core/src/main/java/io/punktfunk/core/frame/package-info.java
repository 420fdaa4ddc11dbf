/**
 * Frames on the data plane: the packetizer (frame → FEC blocks → shards → datagrams, data first),
 * the bounded reassembler (datagrams → FEC reconstruct → whole frames), and the send/receive paths
 * that join them with sealing (punktfunk-reference.md §1.5, §1.9).
 */
package io.punktfunk.core.frame;
