package io.punktfunk.host.input;

/**
 * A client of another protocol front door (a GameStream session) that competes for the desktop's input
 * under {@link HostInput}'s rules, like a punktfunk/1 session: the same owner rule, rate bound and release
 * at its end. Its {@code toString} names it in the log.
 */
public interface InputClient {
    /** Where force feedback of the virtual pads goes while this client owns the desktop (its control stream). */
    RumbleListener rumble();
}
