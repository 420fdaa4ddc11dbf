package io.punktfunk.cli.control;

/** Exit codes shared by the client commands (as the Rust CLI: 2 connect, 3 trust). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USAGE = 1;
    public static final int CONNECT = 2;
    public static final int TRUST = 3;

    private ExitCodes() {
    }
}
