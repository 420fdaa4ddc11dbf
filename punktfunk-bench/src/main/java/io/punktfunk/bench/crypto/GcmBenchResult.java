package io.punktfunk.bench.crypto;

import io.punktfunk.core.crypto.PacketAeads;

/**
 * Measured seal and open of one engine: MB/s (10^6 bytes) of shard, the mean nanoseconds per
 * packet behind them, and the bytes allocated per packet (JMH's gc profiler; 0 means none).
 */
public record GcmBenchResult(PacketAeads.Engine engine, int shardBytes, double sealMbps, double openMbps,
                             double sealNanos, double openNanos, double sealAllocBytes, double openAllocBytes) {
}
