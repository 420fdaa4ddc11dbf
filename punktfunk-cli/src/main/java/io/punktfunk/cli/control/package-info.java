/**
 * CLI commands of the control plane: {@code host} (serve, list and unpair clients) and {@code pair};
 * {@link io.punktfunk.cli.control.HostTarget} and the client identity helpers are shared with the
 * data-plane commands ({@code connect}, {@code probe}) that build on them.
 */
package io.punktfunk.cli.control;
