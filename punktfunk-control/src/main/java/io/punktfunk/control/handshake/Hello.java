package io.punktfunk.control.handshake;

import io.netty.buffer.ByteBuf;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessageCodec;
import io.punktfunk.control.message.ControlProtocolException;
import io.punktfunk.control.message.WireFields;

/**
 * Client → host, first handshake message (reference §2.10, little-endian):
 * <pre>
 *  0 "PKF1"   4 version u32   8 width u32  12 height u32  16 refresh_hz u32
 * 20 compositor u8  21 gamepad u8  22 bitrate_kbps u32 (0 = host default)
 * 26 name_len u8 ‖ name (≤64)  ‖ launch_len u8 ‖ launch (≤128)
 *    then optional: video_caps u8, audio_channels u8, video_codecs u8, preferred_codec u8
 * </pre>
 * Absent optional fields take their defaults; bytes after the last known field are ignored so a
 * newer client can append fields.
 */
public record Hello(int version, Mode mode, int compositor, int gamepad, int bitrateKbps, String name, String launch,
                    int videoCaps, int audioChannels, int videoCodecs, int preferredCodec) implements HandshakeMessage {
    public static final int MAX_LAUNCH_BYTES = 128;

    /** A Hello at this implementation's version with defaults for the fields a headless client doesn't care about. */
    public static Hello of(Mode mode, int bitrateKbps, int videoCodecs, String name) {
        return new Hello(PROTOCOL_VERSION, mode, 0, 0, bitrateKbps, name, "", 0, 2, videoCodecs, 0);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeIntLE(ControlMessageCodec.HANDSHAKE_MAGIC).writeIntLE(version)
                .writeIntLE(mode.width()).writeIntLE(mode.height()).writeIntLE(mode.refreshHz())
                .writeByte(compositor).writeByte(gamepad).writeIntLE(bitrateKbps);
        WireFields.writeString8(out, name, ControlMessageCodec.MAX_NAME_BYTES);
        WireFields.writeString8(out, launch, MAX_LAUNCH_BYTES);
        out.writeByte(videoCaps).writeByte(audioChannels).writeByte(videoCodecs).writeByte(preferredCodec);
    }

    /** The version field of a Hello payload without decoding the rest (so a newer layout still gets a clean refusal). */
    public static int peekVersion(ByteBuf in) throws ControlProtocolException {
        WireFields.need(in, 8, "hello");
        if (in.getIntLE(in.readerIndex()) != ControlMessageCodec.HANDSHAKE_MAGIC) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "expected a PKF1 hello");
        }
        return in.getIntLE(in.readerIndex() + 4);
    }

    /** Decodes a whole Hello payload. */
    public static Hello decode(ByteBuf in) throws ControlProtocolException {
        WireFields.need(in, 26, "hello");
        if (in.readIntLE() != ControlMessageCodec.HANDSHAKE_MAGIC) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "expected a PKF1 hello");
        }
        int version = in.readIntLE();
        Mode mode = new Mode(in.readIntLE(), in.readIntLE(), in.readIntLE());
        int compositor = in.readUnsignedByte();
        int gamepad = in.readUnsignedByte();
        int bitrate = in.readIntLE();
        String name = WireFields.readString8(in, ControlMessageCodec.MAX_NAME_BYTES, "client name");
        String launch = WireFields.readString8(in, MAX_LAUNCH_BYTES, "launch id");
        int videoCaps = in.isReadable() ? in.readUnsignedByte() : 0;
        int channels = in.isReadable() ? in.readUnsignedByte() : 2;
        int codecs = in.isReadable() ? in.readUnsignedByte() : 0;
        int preferred = in.isReadable() ? in.readUnsignedByte() : 0;
        in.skipBytes(in.readableBytes());
        return new Hello(version, mode, compositor, gamepad, bitrate, name, launch, videoCaps, channels, codecs, preferred);
    }
}
