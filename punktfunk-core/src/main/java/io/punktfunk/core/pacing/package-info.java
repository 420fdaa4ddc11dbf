/**
 * Send pacing for one frame's datagrams (punktfunk-reference.md §1.13): an initial burst, then the
 * rest spread in chunks over a budget derived from the pace rate, with an injectable clock and sleeper.
 */
package io.punktfunk.core.pacing;
