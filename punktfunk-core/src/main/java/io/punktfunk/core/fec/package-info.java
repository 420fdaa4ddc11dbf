/**
 * Reed-Solomon erasure codes for the data plane: GF(2^16) Leopard (punktfunk/1, up to 65535
 * shards per block, byte-identical to reed-solomon-simd 3.x) and GF(2^8) Cauchy (GameStream,
 * byte-identical to nanors). Coders are created per thread through {@link ErasureCoders} and reuse
 * their work buffers across calls.
 */
package io.punktfunk.core.fec;
