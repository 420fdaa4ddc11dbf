package io.punktfunk.host.gamestream.enet;

/**
 * Constants of the ENet 1.3 wire protocol as moonlight-common-c's ENet fork speaks it (reference
 * gamestream.md §5.1). Every multi-byte field on the wire is big-endian.
 *
 * <pre>
 * datagram = protocol header (2 or 4 bytes) ‖ 1..32 commands
 * header   = u16 peerID (low 12 bits peer, bits 12-13 session, bit 14 compressed, bit 15 sentTime present)
 *            [u16 sentTime, low 16 bits of the sender's millisecond clock]
 * command  = u8 command (low nibble type, 0x80 acknowledge requested, 0x40 unsequenced) ‖ u8 channelID
 *            ‖ u16 reliableSequenceNumber ‖ type-specific body [‖ data]
 * </pre>
 */
public final class EnetProtocol {
    private EnetProtocol() {
    }

    /** Peer id that means "no peer yet" (a CONNECT carries it). */
    public static final int PEER_ID_NONE = 0xFFF;
    public static final int HEADER_PEER_ID_MASK = 0x0FFF;
    public static final int HEADER_SESSION_MASK = 0x3000;
    public static final int HEADER_SESSION_SHIFT = 12;
    public static final int HEADER_FLAG_COMPRESSED = 0x4000;
    public static final int HEADER_FLAG_SENT_TIME = 0x8000;
    /** Header with the sentTime field. */
    public static final int HEADER_BYTES = 4;
    /** Header without it. */
    public static final int HEADER_BYTES_SHORT = 2;

    public static final int COMMAND_TYPE_MASK = 0x0F;
    public static final int COMMAND_FLAG_ACKNOWLEDGE = 0x80;
    public static final int COMMAND_FLAG_UNSEQUENCED = 0x40;
    /** Channel id of the peer-level commands (connect, verify, disconnect, ping, bandwidth, throttle). */
    public static final int CHANNEL_PEER = 0xFF;

    public static final int CMD_ACKNOWLEDGE = 1;
    public static final int CMD_CONNECT = 2;
    public static final int CMD_VERIFY_CONNECT = 3;
    public static final int CMD_DISCONNECT = 4;
    public static final int CMD_PING = 5;
    public static final int CMD_SEND_RELIABLE = 6;
    public static final int CMD_SEND_UNRELIABLE = 7;
    public static final int CMD_SEND_FRAGMENT = 8;
    public static final int CMD_SEND_UNSEQUENCED = 9;
    public static final int CMD_BANDWIDTH_LIMIT = 10;
    public static final int CMD_THROTTLE_CONFIGURE = 11;
    public static final int CMD_SEND_UNRELIABLE_FRAGMENT = 12;
    public static final int CMD_COUNT = 13;

    /** Fixed size of each command type (4-byte command header included, data excluded); 0 = not a command. */
    private static final int[] COMMAND_BYTES = {0, 8, 48, 44, 8, 4, 6, 8, 24, 8, 12, 16, 24};

    /** Command header: command, channel, reliable sequence number. */
    public static final int COMMAND_HEADER_BYTES = 4;

    /** Most commands in one datagram (ENET_PROTOCOL_MAXIMUM_PACKET_COMMANDS). */
    public static final int MAX_COMMANDS_PER_DATAGRAM = 32;
    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 4096;
    public static final int MIN_WINDOW_SIZE = 4096;
    public static final int MAX_WINDOW_SIZE = 65536;
    public static final int MIN_CHANNEL_COUNT = 1;
    public static final int MAX_CHANNEL_COUNT = 255;
    /** A fragmented packet has at most this many fragments (ENET_PROTOCOL_MAXIMUM_FRAGMENT_COUNT). */
    public static final int MAX_FRAGMENT_COUNT = 1024 * 1024;
    /** Reliable sequence numbers are grouped in windows of this size; a receiver accepts 7 windows ahead. */
    public static final int RELIABLE_WINDOW_SIZE = 0x1000;
    public static final int FREE_RELIABLE_WINDOWS = 8;
    /** Unsequenced groups: a bitmap window of 1024, accepting 32 windows ahead. */
    public static final int UNSEQUENCED_WINDOW_SIZE = 1024;
    public static final int FREE_UNSEQUENCED_WINDOWS = 32;

    /** Size of command {@code type}'s fixed part, or 0 for a byte that is not a command. */
    public static int commandBytes(int type) {
        return type > 0 && type < CMD_COUNT ? COMMAND_BYTES[type] : 0;
    }

    /** Name of a command type for logs. */
    public static String commandName(int type) {
        return switch (type) {
            case CMD_ACKNOWLEDGE -> "ACKNOWLEDGE";
            case CMD_CONNECT -> "CONNECT";
            case CMD_VERIFY_CONNECT -> "VERIFY_CONNECT";
            case CMD_DISCONNECT -> "DISCONNECT";
            case CMD_PING -> "PING";
            case CMD_SEND_RELIABLE -> "SEND_RELIABLE";
            case CMD_SEND_UNRELIABLE -> "SEND_UNRELIABLE";
            case CMD_SEND_FRAGMENT -> "SEND_FRAGMENT";
            case CMD_SEND_UNSEQUENCED -> "SEND_UNSEQUENCED";
            case CMD_BANDWIDTH_LIMIT -> "BANDWIDTH_LIMIT";
            case CMD_THROTTLE_CONFIGURE -> "THROTTLE_CONFIGURE";
            case CMD_SEND_UNRELIABLE_FRAGMENT -> "SEND_UNRELIABLE_FRAGMENT";
            default -> "command " + type;
        };
    }
}
