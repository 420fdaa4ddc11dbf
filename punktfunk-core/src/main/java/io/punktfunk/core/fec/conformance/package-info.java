/**
 * Conformance checking against the shared FEC vectors ({@code shared/vectors/fec}): the
 * deterministic data generator and a per-vector check that hashes what a coder produces.
 */
package io.punktfunk.core.fec.conformance;
