/** FEC throughput benchmarks (JMH) for the block shapes the data plane uses. */
package io.punktfunk.bench.fec;
