/**
 * GameStream video on UDP 47998 (gamestream.md §6): RTP + NV header packetization at the
 * client's packet size, nanors GF(2^8) FEC in up to 4 blocks per frame, optional AES-GCM
 * video encryption, sent batched and paced through the core transport.
 *
 * <p>Wiring (on RTSP PLAY, from the ANNOUNCE values and the launch):
 * <pre>{@code
 * UdpTransport socket = GameStreamVideoStream.bind(new InetSocketAddress(hostIp, 47998)); // port SETUP announced
 * GameStreamVideoStream video = GameStreamVideoStream.start(socket, new GameStreamVideoSettings()
 *         .mode(width, height, fps)                     // clientViewportWd/Ht, maxFPS
 *         .bitrateKbps(kbps)                            // maximumBitrateKbps
 *         .codec(VideoCodec.H264, null)                 // bitStreamFormat
 *         .packetSize(packetSize)                       // x-nv-video[0].packetSize
 *         .fec(20, minRequiredFecPackets)
 *         .encryptionKey(videoEncrypted ? rikey : null) // encryptionEnabled & SS_ENC_VIDEO
 *         .ping(pingPayloadAscii16, rtspClientAddress)  // X-SS-Ping-Payload
 *         .source(SourceKind.X11, display, null)
 *         .name("gs-video"), reason -> endSession(reason));
 * video.requestIdr();   // control 0x0302 (and 0x0301 RFI: answered with an IDR)
 * video.stats();        // frames, packets, FEC shards, send drops, pings, thread CPU
 * video.close();        // stops the thread, closes the socket
 * }</pre>
 * The stream waits for the client's first ping, sends an IDR with parameter sets first, and
 * ends by itself (reporting the reason) when pings stop for the ping timeout (10 s).
 */
package io.punktfunk.host.gamestream.video;
