package io.punktfunk.core.session;

/**
 * Told once when a session thread throws and the session ends (see {@link SessionFault}). Called
 * on the failing thread, after the session stopped its other threads: end the control-plane
 * session from here (non-blocking), do not call back into the data plane.
 */
@FunctionalInterface
public interface SessionFaultListener {
    void onFault(SessionFault fault);
}
