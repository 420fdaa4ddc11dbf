package io.punktfunk.host.display;

import java.util.Locale;

/**
 * What a session gets when a desktop already runs ({@code --desktop-join}): its own desktop, or a seat on
 * the oldest running one, watching only or sharing its input.
 */
public enum JoinPolicy {
    /** Every session its own desktop (the default). */
    SEPARATE,
    /** Later sessions watch the oldest desktop; their input is refused. */
    VIEW,
    /** Later sessions watch the oldest desktop and type and point into it too. */
    SHARED;

    public static JoinPolicy parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown join policy '" + s + "' (separate, view or shared)");
        }
    }
}
