/**
 * The punktfunk/1 handshake on the control stream: {@code "PKF1"}-magic Hello → Welcome → Start,
 * mode/codec/bitrate negotiation, and what the data plane takes away from it (reference §2.10).
 */
package io.punktfunk.control.handshake;
