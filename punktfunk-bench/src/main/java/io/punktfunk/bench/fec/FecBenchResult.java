package io.punktfunk.bench.fec;

/**
 * Measured throughput of one shape: MB/s (10^6 bytes) of original data, the mean microseconds
 * per call behind them, and the bytes allocated per call (JMH's gc profiler; 0 means no
 * steady-state allocation).
 */
public record FecBenchResult(FecBenchShape shape, double encodeMbps, double decodeMbps,
                             double encodeMicros, double decodeMicros,
                             double encodeAllocBytes, double decodeAllocBytes) {
}
