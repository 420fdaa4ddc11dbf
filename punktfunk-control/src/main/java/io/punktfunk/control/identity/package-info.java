/**
 * Persistent identities: the config dir, self-signed ECDSA P-256 certificates with their keys, and
 * SHA-256 certificate fingerprints (punktfunk-reference.md §2.9).
 */
package io.punktfunk.control.identity;
