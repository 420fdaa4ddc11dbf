package io.punktfunk.host.display;

import io.punktfunk.host.input.Xlib;
import io.punktfunk.testkit.Environment;

/** Prerequisites of the desktop tests, each skipped (or under CI failed) with the package to install. */
final class DesktopTools {
    private DesktopTools() {
    }

    static void requireXvfb() {
        Environment.require(Environment.onPath("Xvfb"), "Xvfb is not installed (Debian package xvfb)");
        Environment.require(Xlib.available(), "libX11/libXtst missing (Debian packages libx11-6 libxtst6)");
    }

    static void requireDesktop() {
        requireXvfb();
        Environment.require(Environment.onPath("openbox"), "openbox is not installed (Debian package openbox)");
        Environment.require(Environment.onPath("xterm"), "xterm is not installed (Debian package xterm)");
    }
}
