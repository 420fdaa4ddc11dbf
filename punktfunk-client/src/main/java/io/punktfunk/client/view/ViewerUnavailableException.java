package io.punktfunk.client.view;

/**
 * No desktop display to open a viewer window on (headless JVM, no DISPLAY, or the X server refused
 * the connection). The message says which and what to do; a caller falls back to headless mode.
 */
public final class ViewerUnavailableException extends Exception {

    public ViewerUnavailableException(String message) {
        super(message);
    }

    public ViewerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
