/**
 * Audio for a stream: 48 kHz stereo s16 PCM in 10 ms frames from a tone or PulseAudio, Opus
 * encode/decode through FFmpeg's libopus, a jitter buffer and javax.sound playback.
 */
package io.punktfunk.media.audio;
