/**
 * The control plane on Netty's native QUIC (quiche + BoringSSL): ALPN {@code pkf1}, TLS 1.3 with
 * fingerprint-pinned self-signed certificates both ways, the host and client connection state
 * machines, and the session objects the rest of punktfunk talks to.
 */
package io.punktfunk.control.quic;
