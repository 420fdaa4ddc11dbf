/**
 * Sequencing rules of the input wire: the host's gate that drops stale gamepad-state datagrams, and the
 * client's rumble gate (per-pad seq, TTL that silences a pad when refreshes stop). Plain state machines with
 * the clock passed in, so tests step them without sleeping.
 */
package io.punktfunk.control.input;
