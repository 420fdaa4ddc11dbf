/**
 * Raw pictures and encoded access units, and the FFmpeg video encoders and decoders between
 * them: zero frames of delay, infinite GOP, IDR on request, live bitrate changes.
 */
package io.punktfunk.media.video;
