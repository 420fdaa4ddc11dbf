/**
 * Conformance checking against the FEC vectors (the repository carries them in
 * {@code punktfunk-core/src/test/resources/vectors/fec}; docs/fec.md describes the format): the
 * deterministic data generator and a per-vector check that hashes what a coder produces.
 */
package io.punktfunk.core.fec.conformance;
