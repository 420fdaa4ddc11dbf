package io.punktfunk.control.handshake;

import io.netty.buffer.ByteBuf;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessageCodec;
import io.punktfunk.control.message.ControlProtocolException;
import io.punktfunk.control.message.WireFields;

/**
 * Client → host, last handshake message: {@code "PKF1" ‖ client_udp_port u16}. The port is the
 * client's data-plane socket (0 = the host answers to whatever port the first client packet uses).
 * Trailing bytes (the Rust extension block) are ignored.
 */
public record Start(int clientDataPort) implements HandshakeMessage {
    @Override
    public void encode(ByteBuf out) {
        out.writeIntLE(ControlMessageCodec.HANDSHAKE_MAGIC).writeShortLE(clientDataPort);
    }

    /** Decodes a whole Start payload. */
    public static Start decode(ByteBuf in) throws ControlProtocolException {
        WireFields.need(in, 6, "start");
        if (in.readIntLE() != ControlMessageCodec.HANDSHAKE_MAGIC) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "expected a PKF1 start");
        }
        int port = in.readUnsignedShortLE();
        in.skipBytes(in.readableBytes());
        return new Start(port);
    }
}
