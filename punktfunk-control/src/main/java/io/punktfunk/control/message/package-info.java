/**
 * The punktfunk/1 control-stream wire: {@code u16 LE length ‖ payload} frames, {@code "PKFc" ‖ type}
 * typed messages with per-type size bounds, and the QUIC datagram forms of audio and input state.
 */
package io.punktfunk.control.message;
