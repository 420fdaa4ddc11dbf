package io.punktfunk.core.session;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * The one fault path both session ends share: the first fault wins, is logged with its stack once,
 * and is told to each listener exactly once, whether the listener was set before or after it.
 */
final class FaultLatch {
    private final AtomicReference<SessionFault> fault = new AtomicReference<>();
    private volatile SessionFaultListener listener;
    private final AtomicReference<Object> told = new AtomicReference<>();

    /** Records the fault; false if another one came first. */
    boolean trip(SessionFault f, Logger log) {
        if (!fault.compareAndSet(null, f)) {
            return false;
        }
        log.error("{}: {}; session ended", f.session(), f.reason(), f.cause());
        tell();
        return true;
    }

    SessionFault fault() {
        return fault.get();
    }

    void listener(SessionFaultListener l) {
        listener = l;
        tell();
    }

    private void tell() {
        SessionFault f = fault.get();
        SessionFaultListener l = listener;
        if (f != null && l != null && told.getAndSet(l) != l) {
            try {
                l.onFault(f);
            } catch (RuntimeException e) {
                // a broken listener must not hide the fault it was told about
                org.slf4j.LoggerFactory.getLogger(FaultLatch.class).warn("{}: fault listener failed: {}",
                        f.session(), e.toString());
            }
        }
    }
}
