package io.punktfunk.control.handshake;

import io.netty.buffer.ByteBuf;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlMessageCodec;
import io.punktfunk.control.message.ControlProtocolException;
import io.punktfunk.control.message.WireFields;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.frame.FecConfig;

/**
 * Host → client answer to an accepted Hello; 68 bytes, little-endian (reference §2.10):
 * <pre>
 *  0 "PKF1"  4 version u32  8 udp_port u16 (host data plane)
 * 10 width u32  14 height u32  18 refresh_hz u32
 * 22 fec_scheme u8  23 fec_percent u8  24 max_data_per_block u16  26 shard_payload u16
 * 28 encrypt u8 (1)  29 aes_key[16]  45 salt[4]  49 frames u32 (0 = unbounded)
 * 53 compositor u8  54 gamepad u8  55 bitrate_kbps u32  59 bit_depth u8  60 cicp[4]
 * 64 chroma u8  65 audio_channels u8  66 codec u8  67 host_caps u8
 * </pre>
 * The AES-128-GCM key and salt are fresh per session and travel only inside the QUIC channel; together
 * they are the session secret from which each direction derives its own key and salt
 * ({@code SessionParameters}, docs/wire-format.md).
 */
public record Welcome(int version, int dataPort, Mode mode, FecConfig fec, int shardPayload, byte[] key, byte[] salt,
                      int bitrateKbps, int codec, int audioChannels, int hostCaps) implements HandshakeMessage {
    public static final int BYTES = 68;
    public static final int KEY_BYTES = 16;
    public static final int SALT_BYTES = 4;

    public Welcome {
        if (key.length != KEY_BYTES || salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("welcome needs a 16-byte key and a 4-byte salt");
        }
    }

    /** The same Welcome announcing {@code port} (the data socket the host bound for this session). */
    public Welcome withDataPort(int port) {
        return new Welcome(version, port, mode, fec, shardPayload, key, salt, bitrateKbps, codec, audioChannels, hostCaps);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeIntLE(ControlMessageCodec.HANDSHAKE_MAGIC).writeIntLE(version).writeShortLE(dataPort)
                .writeIntLE(mode.width()).writeIntLE(mode.height()).writeIntLE(mode.refreshHz())
                .writeByte(fec.scheme().wireId()).writeByte(fec.fecPercent()).writeShortLE(fec.maxDataPerBlock())
                .writeShortLE(shardPayload).writeByte(1).writeBytes(key).writeBytes(salt)
                .writeIntLE(0).writeByte(0).writeByte(0).writeIntLE(bitrateKbps)
                .writeByte(8).writeByte(1).writeByte(1).writeByte(1).writeByte(0) // 8-bit BT.709 limited range
                .writeByte(1).writeByte(audioChannels).writeByte(codec).writeByte(hostCaps);
    }

    /** Decodes a whole Welcome payload; later fields a newer host appends are ignored. */
    public static Welcome decode(ByteBuf in) throws ControlProtocolException {
        WireFields.need(in, BYTES, "welcome");
        if (in.readIntLE() != ControlMessageCodec.HANDSHAKE_MAGIC) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "expected a PKF1 welcome");
        }
        int version = in.readIntLE();
        int port = in.readUnsignedShortLE();
        Mode mode = new Mode(in.readIntLE(), in.readIntLE(), in.readIntLE());
        FecScheme scheme = FecScheme.fromWireId(in.readUnsignedByte());
        int percent = in.readUnsignedByte();
        int k = in.readUnsignedShortLE();
        int shard = in.readUnsignedShortLE();
        int encrypt = in.readUnsignedByte();
        if (scheme == null || percent > FecConfig.MAX_FEC_PERCENT || k == 0
                || k + FecConfig.MIN_RECOVERY_SHARDS > scheme.maxTotalShards() || encrypt != 1) {
            throw new ControlProtocolException(CloseCode.PROTOCOL_VIOLATION, "welcome carries an invalid FEC or cipher setting");
        }
        byte[] key = WireFields.readFixed(in, KEY_BYTES, "media key");
        byte[] salt = WireFields.readFixed(in, SALT_BYTES, "media salt");
        in.skipBytes(4 + 2); // frames, compositor, gamepad
        int bitrate = in.readIntLE();
        in.skipBytes(1 + 4 + 1); // bit depth, cicp, chroma
        int channels = in.readUnsignedByte();
        int codec = in.readUnsignedByte();
        int caps = in.readUnsignedByte();
        in.skipBytes(in.readableBytes());
        return new Welcome(version, port, mode, new FecConfig(scheme, percent, k), shard, key, salt, bitrate, codec, channels, caps);
    }
}
