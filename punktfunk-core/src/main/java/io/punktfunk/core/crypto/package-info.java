/**
 * Media datagram sealing for punktfunk/1: AES-128-GCM from the JDK (its AES-CTR and GHASH
 * intrinsics reused across nonces, zero allocation per packet; the JCA {@code Cipher} as fallback)
 * with a per-session, per-direction key and salt, nonce = salt (direction bit) ‖ 64-bit packet sequence, header as AAD, and a
 * sliding anti-replay window (punktfunk-reference.md §1.10; rules in docs/wire-format.md).
 */
package io.punktfunk.core.crypto;
