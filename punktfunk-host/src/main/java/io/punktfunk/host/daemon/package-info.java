/**
 * The host daemon: one {@link io.punktfunk.host.daemon.Host} that owns identity, paired clients,
 * pairing windows, settings, the streaming sessions, input, the management API and discovery, with
 * a lifecycle (start, reload or change settings, stop).
 */
package io.punktfunk.host.daemon;
