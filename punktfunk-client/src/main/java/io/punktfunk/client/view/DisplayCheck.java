package io.punktfunk.client.view;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.util.Optional;

/**
 * Finds out, before any window is made, whether this JVM can show one: the AWT headless decision
 * (from {@code java.awt.headless}, or on Linux the absence of DISPLAY) and then a real connection
 * to the display server.
 */
public final class DisplayCheck {

    private DisplayCheck() {
    }

    /** Why no viewer window can open here, or empty when one can. */
    public static Optional<String> unavailableReason() {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.of(headlessReason(System.getProperty("java.awt.headless"), System.getenv("DISPLAY"),
                    System.getenv("WAYLAND_DISPLAY")));
        }
        try {
            if (GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length == 0) {
                return Optional.of("the display has no screens; use headless mode");
            }
        } catch (AWTError | HeadlessException | UnsatisfiedLinkError e) {
            return Optional.of("cannot connect to the display (" + e.getMessage()
                    + "); check DISPLAY and X access, or use headless mode");
        }
        return Optional.empty();
    }

    /** The message for a headless JVM, given what made it headless. */
    static String headlessReason(String headlessProperty, String display, String waylandDisplay) {
        if ("true".equalsIgnoreCase(headlessProperty)) {
            return "the JVM runs headless (-Djava.awt.headless=true): no viewer window; use headless mode";
        }
        if (display == null || display.isBlank()) {
            return waylandDisplay == null || waylandDisplay.isBlank()
                    ? "no display: DISPLAY is not set (no X server); use headless mode, or start one, e.g. Xvfb"
                    : "DISPLAY is not set but WAYLAND_DISPLAY is: the viewer needs X11 or Xwayland (set DISPLAY)";
        }
        return "the JVM runs headless although DISPLAY=" + display + "; use headless mode";
    }
}
