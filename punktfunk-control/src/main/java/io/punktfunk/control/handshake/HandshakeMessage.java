package io.punktfunk.control.handshake;

import io.netty.buffer.ByteBuf;

/** A {@code "PKF1"}-magic handshake message: {@link Hello}, {@link Welcome} or {@link Start}. */
public sealed interface HandshakeMessage permits Hello, Welcome, Start {
    /** The punktfunk/1 control protocol version this implementation speaks. */
    int PROTOCOL_VERSION = 1;
    /** Largest handshake frame accepted (Hello with full name and launch id is ~230 bytes). */
    int MAX_BYTES = 1024;

    /** Appends the payload (magic included, no frame length). */
    void encode(ByteBuf out);
}
