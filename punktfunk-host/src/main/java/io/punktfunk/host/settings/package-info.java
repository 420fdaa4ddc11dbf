/**
 * The host's settings: one typed catalog ({@link io.punktfunk.host.settings.HostSettings}), the
 * {@code host.toml} file that holds them, and the rules for which of them change live.
 */
package io.punktfunk.host.settings;
