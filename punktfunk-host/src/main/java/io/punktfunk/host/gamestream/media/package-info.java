/**
 * What GameStream's video (UDP 47998) and audio (UDP 48000) streams share: learning where the
 * client is from its pings (gamestream.md §4.3).
 */
package io.punktfunk.host.gamestream.media;
