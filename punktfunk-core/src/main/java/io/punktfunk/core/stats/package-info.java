/**
 * Data-plane counters: one enum of stable ids and labels and a lock-free counter set that the
 * packet layer, transports and sessions bump on the hot path and the HUD and REST API read.
 */
package io.punktfunk.core.stats;
