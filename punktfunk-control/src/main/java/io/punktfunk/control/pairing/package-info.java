/**
 * PIN pairing: SPAKE2 (RFC 9382, P-256/SHA-256) bound to both certificate fingerprints with key
 * confirmation both ways, the armed single-use PIN, failure rate limiting, and the trust stores.
 */
package io.punktfunk.control.pairing;
