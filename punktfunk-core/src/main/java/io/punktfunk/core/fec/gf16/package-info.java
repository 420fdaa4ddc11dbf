/**
 * GF(2^16) Leopard Reed-Solomon (additive FFT over the Cantor basis), byte-identical to
 * reed-solomon-simd 3.1, with Vector API kernels. See shared/reference/fec-anchor.md §5, §7, §8.
 */
package io.punktfunk.core.fec.gf16;
