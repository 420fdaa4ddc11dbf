package io.punktfunk.client.view;

/**
 * Receives the viewer's captured input, on the AWT event thread: must return quickly (queue the
 * event for the network thread).
 */
@FunctionalInterface
public interface InputSink {

    /** Discards everything: a view-only client. */
    InputSink NONE = event -> { };

    void accept(ViewerInputEvent event);
}
