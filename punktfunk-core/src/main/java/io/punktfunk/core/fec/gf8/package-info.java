/**
 * GF(2^8) Cauchy Reed-Solomon, byte-identical to nanors (Moonlight's FEC): field tables, the
 * Cauchy matrix and its per-pattern inversion, and the split-nibble SIMD multiply kernel.
 */
package io.punktfunk.core.fec.gf8;
