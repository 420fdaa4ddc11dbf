/**
 * The desktop viewer: a Swing window that shows decoded BGRA pictures (latest-frame-wins hand-off
 * from the decode thread), an optional stats overlay, and input capture forwarded to an
 * {@link io.punktfunk.client.view.InputSink}.
 */
package io.punktfunk.client.view;
