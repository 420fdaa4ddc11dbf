package io.punktfunk.host.gamestream.control;

/**
 * Message types of the encrypted Gen7 control stream (reference gamestream.md §5.3). The type is a
 * little-endian u16 inside the encrypted envelope.
 */
public final class ControlMessageType {
    private ControlMessageType() {
    }

    // client → host
    /** Request an IDR frame; also sent once at connect ("start A"). Payload {@code 00 00}. */
    public static final int REQUEST_IDR = 0x0302;
    /** "Start B", sent once at connect. Payload {@code 00}. */
    public static final int START_B = 0x0307;
    /** Periodic ping (every 100 ms): LE16 4, LE32 0. */
    public static final int PERIODIC_PING = 0x0200;
    /** One NV input packet (§8). */
    public static final int INPUT_DATA = 0x0206;
    /** Invalidate reference frames (RFI): first and last lost frame. */
    public static final int INVALIDATE_REFERENCE_FRAMES = 0x0301;
    /** Acknowledgement of a long-term reference frame (Sunshine extension). */
    public static final int LTR_FRAME_ACK = 0x0350;
    /** Per-frame FEC status (Sunshine extension), big-endian fields; same number as the host's RGB LED message. */
    public static final int FRAME_FEC_STATUS = 0x5502;
    /** Loss statistics of older clients. */
    public static final int LOSS_STATS = 0x0201;

    // host → client
    /** Rumble: u32 unused, LE16 controller, LE16 low-frequency motor, LE16 high-frequency motor. */
    public static final int RUMBLE = 0x010b;
    /** Trigger rumble (extension): LE16 controller, LE16 left, LE16 right. */
    public static final int TRIGGER_RUMBLE = 0x5500;
    /** Motion sensor reporting on or off (extension): LE16 controller, LE16 report rate Hz, u8 sensor type. */
    public static final int SET_MOTION_EVENT = 0x5501;
    /** Controller RGB LED (extension): LE16 controller, u8 r, g, b. */
    public static final int SET_RGB_LED = 0x5502;
    /** HDR mode: u8 enabled, then HDR metadata. */
    public static final int HDR_MODE = 0x010e;
    /** Termination: BE32 reason. */
    public static final int TERMINATION = 0x0109;

    /** Termination reason the client reports as a graceful end of the stream. */
    public static final int TERMINATION_GRACEFUL = 0x80030023;

    /** Readable name for logs. */
    public static String name(int type, boolean fromClient) {
        return switch (type) {
            case REQUEST_IDR -> "request IDR";
            case START_B -> "start B";
            case PERIODIC_PING -> "periodic ping";
            case INPUT_DATA -> "input";
            case INVALIDATE_REFERENCE_FRAMES -> "invalidate reference frames";
            case LTR_FRAME_ACK -> "LTR frame ack";
            case 0x5502 -> fromClient ? "frame FEC status" : "set RGB LED";
            case LOSS_STATS -> "loss stats";
            case RUMBLE -> "rumble";
            case TRIGGER_RUMBLE -> "trigger rumble";
            case SET_MOTION_EVENT -> "set motion event";
            case HDR_MODE -> "HDR mode";
            case TERMINATION -> "termination";
            default -> String.format("type 0x%04x", type);
        };
    }
}
