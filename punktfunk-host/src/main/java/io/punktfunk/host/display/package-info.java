/**
 * A desktop per client ({@code --source virtual}): a display without hardware at the client's mode
 * ({@link io.punktfunk.host.display.VirtualDisplay}, Xvfb today), the window manager and app it runs, a
 * readiness probe, resource accounting and the cleanup of what a crashed host left behind.
 * See docs/virtual-displays.md.
 */
package io.punktfunk.host.display;
