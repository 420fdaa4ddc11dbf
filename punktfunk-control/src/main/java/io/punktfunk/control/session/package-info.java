/**
 * What a negotiated session hands on and how it adapts: the data-plane parameters, loss-driven
 * adaptive FEC, and NTP-style clock sync over ClockProbe/ClockEcho.
 */
package io.punktfunk.control.session;
