/**
 * GameStream's RTSP handshake on TCP 48010 (reference §3): one request per connection, plaintext or
 * AES-GCM {@code rtspenc}; OPTIONS, DESCRIBE, SETUP of audio/video/control, ANNOUNCE (the client's
 * stream parameters) and PLAY.
 */
package io.punktfunk.host.gamestream.rtsp;
