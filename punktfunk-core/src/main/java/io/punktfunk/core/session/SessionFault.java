package io.punktfunk.core.session;

/**
 * Why a data-plane session ended on its own: the thread that failed and what it threw. The session
 * has stopped every thread and released its socket and native memory (or is about to, on its own
 * release thread) by the time a {@link SessionFaultListener} hears of it.
 *
 * @param session the session's name ({@link SessionConfig#name()})
 * @param stage   the thread's role: {@code seal}, {@code send}, {@code receive}
 * @param cause   what it threw
 */
public record SessionFault(String session, String stage, Throwable cause) {

    /** One line for logs and for the peer: {@code "seal thread failed: java.lang.IllegalStateException: …"}. */
    public String reason() {
        return stage + " thread failed: " + cause;
    }
}
