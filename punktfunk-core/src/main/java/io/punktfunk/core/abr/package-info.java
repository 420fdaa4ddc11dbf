/**
 * Adaptive bitrate (punktfunk-reference.md §1.15–1.16): the link estimate, the bring-up ramp's
 * verdict, and the controller that turns client delivery reports into encoder bitrate and pacer
 * rate decisions. Pure logic on caller-supplied clocks, so the simulator and the tests step it.
 */
package io.punktfunk.core.abr;
