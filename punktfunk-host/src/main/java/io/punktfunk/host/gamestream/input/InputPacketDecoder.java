package io.punktfunk.host.gamestream.input;

import static io.punktfunk.host.gamestream.input.InputMagic.*;

import io.punktfunk.control.message.InputEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns Moonlight's NV input packets (the payload of control message 0x0206, reference gamestream.md §8)
 * into the host's {@link InputEvent}s. Each packet is {@code BE32 size ‖ LE32 magic ‖ body}, where size
 * counts the magic and body; several packets may follow each other in one message. Field byte orders differ
 * by message and are exactly as §8 gives them. The decoder keeps per-session state: which pads the client
 * has announced (from the multi-controller active mask and arrival messages), a sequence number per pad for
 * the host's whole-pad state events, and which touch pointer ids map to which touch slots.
 *
 * <p>Not thread-safe: one decoder per control stream, used on its I/O thread.
 */
public final class InputPacketDecoder {
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Size and magic in front of every body. */
    public static final int PACKET_HEADER_BYTES = 8;
    /** Reference size touch and pen positions (normalized 0..1 on the wire) are scaled to. */
    static final int TOUCH_REFERENCE = 0xFFFF;
    /** Touch slots: fingers down at the same time. */
    static final int TOUCH_SLOTS = 10;

    private final InputSink sink;
    private final boolean[] padPresent = new boolean[InputEvent.MAX_PADS];
    private final int[] padSeq = new int[InputEvent.MAX_PADS];
    private int activeMask;
    private final long[] touchPointer = new long[TOUCH_SLOTS];
    private boolean penDown;

    private volatile long packets;
    private volatile long events;
    private volatile long unknown;
    private volatile long malformed;
    private volatile long unsupported;

    public InputPacketDecoder(InputSink sink) {
        this.sink = sink;
        java.util.Arrays.fill(touchPointer, -1);
    }

    /** Decodes every NV input packet in {@code b[off, off+len)}. Bad packets are counted, never thrown. */
    public void decode(byte[] b, int off, int len) {
        int end = off + len;
        while (end - off >= PACKET_HEADER_BYTES) {
            int rest = end - off;
            int size = (int) BE32.get(b, off);
            if (size < 4 || size > rest - 4) {
                // tolerate a little-endian size field (seen in one capture), never a wrong one
                size = (int) LE32.get(b, off);
                if (size < 4 || size > rest - 4) {
                    malformed++;
                    return;
                }
            }
            packets++;
            packet((int) LE32.get(b, off + 4), b, off + PACKET_HEADER_BYTES, size - 4);
            off += 4 + size;
        }
        if (off != end) {
            malformed++;
        }
    }

    private void packet(int magic, byte[] b, int p, int n) {
        switch (magic) {
            case KEY_DOWN, KEY_UP -> {
                if (need(n, 6)) {
                    int vk = ((short) LE16.get(b, p + 1)) & 0xFF; // Moonlight sends 0x8000 | VK
                    int modifiers = b[p + 3] & 0x0F;
                    if (vk == 0 || vk == 0xFF) {
                        malformed++;
                    } else {
                        emit(new InputEvent(magic == KEY_DOWN ? InputEvent.KEY_DOWN : InputEvent.KEY_UP, vk, 0, 0, modifiers));
                    }
                }
            }
            case MOUSE_MOVE_REL -> {
                if (need(n, 4)) {
                    emit(new InputEvent(InputEvent.MOUSE_MOVE, 0, (short) BE16.get(b, p), (short) BE16.get(b, p + 2), 0));
                }
            }
            case MOUSE_MOVE_ABS -> {
                if (need(n, 10)) {
                    int x = (short) BE16.get(b, p);
                    int y = (short) BE16.get(b, p + 2);
                    int w = Math.min(0xFFFF, (((short) BE16.get(b, p + 6)) & 0xFFFF) + 1);
                    int h = Math.min(0xFFFF, (((short) BE16.get(b, p + 8)) & 0xFFFF) + 1);
                    emit(new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, Math.max(0, x), Math.max(0, y), w << 16 | h));
                }
            }
            case MOUSE_BUTTON_DOWN, MOUSE_BUTTON_UP -> {
                if (need(n, 1)) {
                    int button = b[p] & 0xFF;
                    if (button < InputEvent.BUTTON_LEFT || button > InputEvent.BUTTON_X2) {
                        malformed++;
                    } else {
                        emit(new InputEvent(magic == MOUSE_BUTTON_DOWN ? InputEvent.MOUSE_BUTTON_DOWN
                                : InputEvent.MOUSE_BUTTON_UP, button, 0, 0, 0));
                    }
                }
            }
            case SCROLL -> {
                if (need(n, 2)) {
                    scroll(InputEvent.SCROLL_VERTICAL, (short) BE16.get(b, p));
                }
            }
            case HSCROLL -> {
                if (need(n, 2)) {
                    scroll(InputEvent.SCROLL_HORIZONTAL, (short) BE16.get(b, p));
                }
            }
            case UTF8_TEXT -> text(b, p, n);
            case MULTI_CONTROLLER -> multiController(b, p, n);
            case CONTROLLER_ARRIVAL -> {
                if (need(n, 8)) {
                    int pad = b[p] & 0xFF;
                    if (pad >= InputEvent.MAX_PADS) {
                        malformed++;
                    } else {
                        int type = b[p + 1] & 0xFF;
                        int capabilities = ((short) LE16.get(b, p + 2)) & 0xFFFF;
                        arrive(pad, type == CONTROLLER_TYPE_XBOX ? 1 : 0, (capabilities & CAPABILITY_RUMBLE) != 0);
                    }
                }
            }
            case TOUCH -> {
                if (need(n, 28)) {
                    touch(b[p] & 0xFF, ((int) LE32.get(b, p + 4)) & 0xFFFFFFFFL, floatLe(b, p + 8), floatLe(b, p + 12));
                }
            }
            case PEN -> {
                if (need(n, 28)) {
                    pen(b[p] & 0xFF, floatLe(b, p + 4), floatLe(b, p + 8));
                }
            }
            case CONTROLLER_TOUCH, CONTROLLER_MOTION, CONTROLLER_BATTERY -> unsupported++; // no host backend for these yet
            case HAPTICS_ENABLE -> {
                // nothing to do: rumble is always routed back
            }
            default -> unknown++;
        }
    }

    private boolean need(int n, int min) {
        if (n >= min) {
            return true;
        }
        malformed++;
        return false;
    }

    private void emit(InputEvent e) {
        events++;
        sink.input(e);
    }

    private void scroll(int axis, int amount) {
        if (amount == 0) {
            return;
        }
        int flags = amount % InputEvent.WHEEL_DELTA != 0 ? InputEvent.SCROLL_FLAG_PRECISE : 0;
        emit(new InputEvent(InputEvent.MOUSE_SCROLL, axis, amount, 0, flags));
    }

    private void text(byte[] b, int p, int n) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b, p, n)).toString();
        } catch (CharacterCodingException e) {
            malformed++;
            return;
        }
        s.codePoints().forEach(cp -> emit(new InputEvent(InputEvent.TEXT_INPUT, cp, 0, 0, 0)));
    }

    private void multiController(byte[] b, int p, int n) {
        if (!need(n, 26)) {
            return;
        }
        int pad = ((short) LE16.get(b, p + 2)) & 0xFFFF;
        int mask = ((short) LE16.get(b, p + 4)) & 0xFFFF;
        if (pad >= InputEvent.MAX_PADS) {
            malformed++;
            return;
        }
        int buttons = (((short) LE16.get(b, p + 8)) & 0xFFFF) | (((short) LE16.get(b, p + 22)) & 0xFFFF) << 16;
        int lt = b[p + 10] & 0xFF;
        int rt = b[p + 11] & 0xFF;
        int lsX = (short) LE16.get(b, p + 12);
        int lsY = (short) LE16.get(b, p + 14);
        int rsX = (short) LE16.get(b, p + 16);
        int rsY = (short) LE16.get(b, p + 18);
        // pads whose bit went away are gone
        int gone = activeMask & ~mask;
        activeMask = mask;
        for (int i = 0; i < InputEvent.MAX_PADS; i++) {
            if ((gone & (1 << i)) != 0) {
                remove(i);
            }
        }
        if ((mask & (1 << pad)) == 0) {
            remove(pad);
            return;
        }
        arrive(pad, 0, true);
        padSeq[pad] = (padSeq[pad] + 1) & 0xFF;
        emit(InputEvent.gamepadState(pad, padSeq[pad], buttons, lsX, lsY, rsX, rsY, lt, rt));
    }

    private void arrive(int pad, int pref, boolean haptics) {
        if (!padPresent[pad]) {
            padPresent[pad] = true;
            emit(InputEvent.gamepadArrival(pad, pref, haptics, false));
        }
    }

    private void remove(int pad) {
        if (padPresent[pad]) {
            padPresent[pad] = false;
            padSeq[pad] = (padSeq[pad] + 1) & 0xFF;
            emit(InputEvent.gamepadRemove(pad, padSeq[pad]));
        }
    }

    private void touch(int type, long pointerId, float x, float y) {
        int slot = slotOf(pointerId);
        switch (type) {
            case TOUCH_DOWN -> {
                if (slot < 0) {
                    slot = freeSlot();
                    if (slot < 0) {
                        unsupported++; // more fingers than slots
                        return;
                    }
                    touchPointer[slot] = pointerId;
                }
                emit(touchEvent(InputEvent.TOUCH_DOWN, slot, x, y));
            }
            case TOUCH_MOVE -> {
                if (slot >= 0) {
                    emit(touchEvent(InputEvent.TOUCH_MOVE, slot, x, y));
                }
            }
            case TOUCH_UP, TOUCH_CANCEL -> {
                if (slot >= 0) {
                    touchPointer[slot] = -1;
                    emit(touchEvent(InputEvent.TOUCH_UP, slot, x, y));
                }
            }
            case TOUCH_CANCEL_ALL -> {
                for (int i = 0; i < TOUCH_SLOTS; i++) {
                    if (touchPointer[i] >= 0) {
                        touchPointer[i] = -1;
                        emit(touchEvent(InputEvent.TOUCH_UP, i, x, y));
                    }
                }
            }
            default -> {
                // hover, hover leave, button only: no touch contact to report
            }
        }
    }

    /** A pen is a pointer: position always, the left button while the tip touches. */
    private void pen(int type, float x, float y) {
        int px = scaled(x);
        int py = scaled(y);
        emit(new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, px, py, TOUCH_REFERENCE << 16 | TOUCH_REFERENCE));
        if (type == TOUCH_DOWN && !penDown) {
            penDown = true;
            emit(new InputEvent(InputEvent.MOUSE_BUTTON_DOWN, InputEvent.BUTTON_LEFT, 0, 0, 0));
        } else if ((type == TOUCH_UP || type == TOUCH_CANCEL || type == TOUCH_CANCEL_ALL) && penDown) {
            penDown = false;
            emit(new InputEvent(InputEvent.MOUSE_BUTTON_UP, InputEvent.BUTTON_LEFT, 0, 0, 0));
        }
    }

    private static InputEvent touchEvent(int kind, int slot, float x, float y) {
        return new InputEvent(kind, slot, scaled(x), scaled(y), TOUCH_REFERENCE << 16 | TOUCH_REFERENCE);
    }

    private static int scaled(float v) {
        if (!(v > 0)) { // also NaN
            return 0;
        }
        return v >= 1 ? TOUCH_REFERENCE - 1 : (int) (v * TOUCH_REFERENCE);
    }

    private int slotOf(long pointerId) {
        for (int i = 0; i < TOUCH_SLOTS; i++) {
            if (touchPointer[i] == pointerId) {
                return i;
            }
        }
        return -1;
    }

    private int freeSlot() {
        for (int i = 0; i < TOUCH_SLOTS; i++) {
            if (touchPointer[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    private static float floatLe(byte[] b, int off) {
        return Float.intBitsToFloat((int) LE32.get(b, off));
    }

    /** The stream ended: pads are removed, lifted fingers and pen reported, then {@link InputSink#ended()}. */
    public void end() {
        for (int i = 0; i < InputEvent.MAX_PADS; i++) {
            remove(i);
        }
        activeMask = 0;
        for (int i = 0; i < TOUCH_SLOTS; i++) {
            if (touchPointer[i] >= 0) {
                touchPointer[i] = -1;
                emit(new InputEvent(InputEvent.TOUCH_UP, i, 0, 0, TOUCH_REFERENCE << 16 | TOUCH_REFERENCE));
            }
        }
        if (penDown) {
            penDown = false;
            emit(new InputEvent(InputEvent.MOUSE_BUTTON_UP, InputEvent.BUTTON_LEFT, 0, 0, 0));
        }
        sink.ended();
    }

    /** NV input packets seen. */
    public long packets() {
        return packets;
    }

    /** Host input events produced. */
    public long events() {
        return events;
    }

    /** Packets with a magic this decoder does not know (counted, ignored). */
    public long unknown() {
        return unknown;
    }

    /** Packets too short or with out-of-range fields (counted, dropped). */
    public long malformed() {
        return malformed;
    }

    /** Known packets the host has no backend for yet (controller touchpad, motion, battery; extra fingers). */
    public long unsupported() {
        return unsupported;
    }
}
