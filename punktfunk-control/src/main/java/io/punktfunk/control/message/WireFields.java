package io.punktfunk.control.message;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bounds-checked readers and writers for the little-endian fields every control layout uses. */
public final class WireFields {
    private WireFields() {
    }

    /** Throws unless at least {@code n} bytes remain; {@code what} names the field for the reason. */
    public static void need(ByteBuf in, int n, String what) throws ControlProtocolException {
        if (in.readableBytes() < n) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    what + " truncated: need " + n + " bytes, have " + in.readableBytes());
        }
    }

    /** Throws if bytes remain after a fixed layout. */
    public static void end(ByteBuf in, String what) throws ControlProtocolException {
        if (in.isReadable()) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION,
                    what + " has " + in.readableBytes() + " unexpected trailing bytes");
        }
    }

    /** {@code len u8 ‖ UTF-8}, at most {@code maxBytes}. */
    public static String readString8(ByteBuf in, int maxBytes, String what) throws ControlProtocolException {
        need(in, 1, what);
        return readUtf8(in, in.readUnsignedByte(), maxBytes, what);
    }

    /** {@code len u16 LE ‖ UTF-8}, at most {@code maxBytes}. */
    public static String readString16(ByteBuf in, int maxBytes, String what) throws ControlProtocolException {
        need(in, 2, what);
        return readUtf8(in, in.readUnsignedShortLE(), maxBytes, what);
    }

    /** {@code len u16 LE ‖ bytes}, exactly {@code expected} long when {@code expected >= 0}. */
    public static byte[] readBytes16(ByteBuf in, int expected, String what) throws ControlProtocolException {
        need(in, 2, what);
        int len = in.readUnsignedShortLE();
        if (expected >= 0 && len != expected) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, what + " is " + len + " bytes, expected " + expected);
        }
        return readFixed(in, len, what);
    }

    /** Exactly {@code len} raw bytes. */
    public static byte[] readFixed(ByteBuf in, int len, String what) throws ControlProtocolException {
        need(in, len, what);
        byte[] b = new byte[len];
        in.readBytes(b);
        return b;
    }

    private static String readUtf8(ByteBuf in, int len, int maxBytes, String what) throws ControlProtocolException {
        if (len > maxBytes) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, what + " is " + len + " bytes, limit " + maxBytes);
        }
        byte[] raw = readFixed(in, len, what);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, what + " is not valid UTF-8");
        }
    }

    /** Writes {@code len u8 ‖ UTF-8}, cutting at a character boundary so it fits {@code maxBytes}. */
    public static void writeString8(ByteBuf out, String s, int maxBytes) {
        byte[] b = truncatedUtf8(s, Math.min(maxBytes, 255));
        out.writeByte(b.length).writeBytes(b);
    }

    /** Writes {@code len u16 LE ‖ UTF-8}, cut to fit {@code maxBytes}. */
    public static void writeString16(ByteBuf out, String s, int maxBytes) {
        byte[] b = truncatedUtf8(s, Math.min(maxBytes, 65535));
        out.writeShortLE(b.length).writeBytes(b);
    }

    /** UTF-8 of {@code s}, shortened at a code-point boundary to at most {@code maxBytes}. */
    public static byte[] truncatedUtf8(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return b;
        }
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // don't split a multi-byte sequence
        }
        return java.util.Arrays.copyOf(b, end);
    }
}
