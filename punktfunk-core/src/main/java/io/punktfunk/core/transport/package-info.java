/**
 * The data-plane datagram seam: {@link io.punktfunk.core.transport.Transport} with reusable
 * {@link io.punktfunk.core.transport.DatagramBatch}es, a Linux UDP backend (sendmmsg/recvmmsg,
 * GSO/GRO through FFM) with a portable fallback, an in-process loopback and an impairing decorator.
 */
package io.punktfunk.core.transport;
