package io.punktfunk.cli.control;

/** Exit codes shared by the client commands (as the Rust CLI: 2 connect, 3 trust). */
final class ExitCodes {
    static final int OK = 0;
    static final int USAGE = 1;
    static final int CONNECT = 2;
    static final int TRUST = 3;

    private ExitCodes() {
    }
}
