/** Input latency: client event → injected X event observed on the host's display, over QUIC loopback. */
package io.punktfunk.bench.input;
