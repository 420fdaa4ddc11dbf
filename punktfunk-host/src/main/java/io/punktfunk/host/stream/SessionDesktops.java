package io.punktfunk.host.stream;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.control.quic.HostControlSession;

/**
 * The seam for a desktop per session ({@code --source virtual}): instead of one shared source and one
 * shared input, each session gets an X display of its own (or joins one), which the stream captures and
 * where that session's input goes. Implemented by {@code io.punktfunk.host.display.VirtualDesktops}.
 */
public interface SessionDesktops extends AutoCloseable {

    /**
     * Creates (or joins) the desktop for {@code session} and returns once it answers; runs on a
     * lifecycle thread, never the event loop. Throws {@link SessionSetupException} with the code and the
     * reason the client is told (unsupported mode, a session command that exited, a timeout).
     */
    SessionDesktop open(HostControlSession session);

    /** Ends every desktop (host shutdown). */
    @Override
    void close();

    /** One session's place on a desktop. */
    interface SessionDesktop extends AutoCloseable {
        /** X display name to capture, such as {@code :7}. */
        String display();

        /** What the desktop costs now: its processes, their memory and CPU (reads /proc; any thread). */
        DesktopUsage usage();

        /** One input event of this session (event loop: checks and queues, never blocks). */
        void input(HostControlSession session, InputEvent event);

        /** The session left: its input is released; the desktop ends when its last session leaves. */
        @Override
        void close();
    }
}
