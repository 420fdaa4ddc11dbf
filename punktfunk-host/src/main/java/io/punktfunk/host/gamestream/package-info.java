/**
 * GameStream compatibility, so stock Moonlight clients can pair, launch and stream: the front door
 * ({@link io.punktfunk.host.gamestream.GameStreamHost}), its settings, the launch/session state
 * machine and the stream parameters negotiated by /launch and RTSP ANNOUNCE. Protocol pages:
 * docs/gamestream.md.
 */
package io.punktfunk.host.gamestream;
