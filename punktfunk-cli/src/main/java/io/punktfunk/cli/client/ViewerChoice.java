package io.punktfunk.cli.client;

import io.punktfunk.client.view.DisplayCheck;
import io.punktfunk.client.view.InputSink;
import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.client.view.ViewerUnavailableException;
import io.punktfunk.client.view.ViewerWindow;
import io.punktfunk.control.handshake.Mode;
import java.io.PrintWriter;

/** Opens the viewer window when a display is there and the user did not ask for headless. */
public final class ViewerChoice {
    private ViewerChoice() {
    }

    /**
     * @return the window, or null for headless (forced, no display, or the window could not open; the
     *         reason goes to {@code err})
     */
    public static VideoPresenter open(boolean headless, Mode mode, String title, Runnable onClosed, PrintWriter err) {
        return open(headless, mode, title, InputSink.NONE, onClosed, err);
    }

    /** As {@link #open(boolean, Mode, String, Runnable, PrintWriter)}, with captured input going to {@code input}. */
    public static VideoPresenter open(boolean headless, Mode mode, String title, InputSink input, Runnable onClosed,
                                      PrintWriter err) {
        if (headless) {
            return null;
        }
        var reason = DisplayCheck.unavailableReason();
        if (reason.isPresent()) {
            err.println("punktfunk: no viewer window (" + reason.get() + "): running headless");
            err.flush();
            return null;
        }
        try {
            return ViewerWindow.open(title, mode.width(), mode.height(), true, input, onClosed);
        } catch (ViewerUnavailableException e) {
            err.println("punktfunk: no viewer window (" + e.getMessage() + "): running headless");
            err.flush();
            return null;
        }
    }
}
