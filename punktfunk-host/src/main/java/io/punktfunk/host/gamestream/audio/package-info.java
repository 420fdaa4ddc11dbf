/**
 * GameStream audio on UDP 48000 (gamestream.md §7): Opus 5 ms CBR in RTP, AES-128-CBC when the
 * client enabled it, GameStream's fixed 4 + 2 Reed-Solomon FEC, one continuous stream.
 *
 * <p>Wiring (on RTSP PLAY):
 * <pre>{@code
 * UdpTransport socket = GameStreamAudioStream.bind(new InetSocketAddress(hostIp, 48000)); // port SETUP announced
 * GameStreamAudioStream audio = GameStreamAudioStream.start(socket, new GameStreamAudioSettings()
 *         .packetDurationMs(packetDuration)                       // x-nv-aqos.packetDuration (5 or 10)
 *         .bitrateBps(96_000)                                     // stereo, normal quality
 *         .encryption(audioEncrypted ? rikey : null, rikeyid)     // featureFlags & 0x20 or encryptionEnabled & 0x4
 *         .ping(pingPayloadAscii16, rtspClientAddress)            // X-SS-Ping-Payload
 *         .source(AudioKind.PULSE, device)
 *         .name("gs-audio"), reason -> endSession(reason));
 * audio.stats();   // packets, FEC packets, send drops, pings, thread CPU
 * audio.close();
 * }</pre>
 */
package io.punktfunk.host.gamestream.audio;
