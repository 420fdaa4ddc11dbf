/** Packet AES-GCM throughput and allocation benchmarks (JMH): the zero-allocation engine against the JCA path. */
package io.punktfunk.bench.crypto;
