package io.punktfunk.host.gamestream.client.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Moonlight's NV input packets (payload of control message 0x0206) built from the reference's table
 * (gamestream.md §8): {@code BE32 size ‖ LE32 magic ‖ body}, field byte orders exactly as listed there.
 */
public final class NvInputPackets {
    private NvInputPackets() {
    }

    private static ByteBuffer packet(int magic, int bodyBytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + bodyBytes);
        b.order(ByteOrder.BIG_ENDIAN).putInt(4 + bodyBytes);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(magic);
        return b;
    }

    /** Key down/up: u8 flags, LE16 0x8000|VK, u8 modifiers, u16 0. */
    public static byte[] key(boolean down, int vk, int modifiers) {
        ByteBuffer b = packet(down ? 0x03 : 0x04, 6);
        b.order(ByteOrder.LITTLE_ENDIAN).put((byte) 0).putShort((short) (0x8000 | vk)).put((byte) modifiers).putShort((short) 0);
        return b.array();
    }

    /** Relative mouse: BE16 dx, BE16 dy. */
    public static byte[] mouseRelative(int dx, int dy) {
        ByteBuffer b = packet(0x07, 4);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) dx).putShort((short) dy);
        return b.array();
    }

    /** Absolute mouse: BE16 x, BE16 y, u16 0, BE16 width-1, BE16 height-1. */
    public static byte[] mouseAbsolute(int x, int y, int width, int height) {
        ByteBuffer b = packet(0x05, 10);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) x).putShort((short) y).putShort((short) 0)
                .putShort((short) (width - 1)).putShort((short) (height - 1));
        return b.array();
    }

    /** Mouse button down/up: u8 button (1 left … 5 X2). */
    public static byte[] mouseButton(boolean down, int button) {
        ByteBuffer b = packet(down ? 0x08 : 0x09, 1);
        b.put((byte) button);
        return b.array();
    }

    /** Vertical scroll: BE16 amount, BE16 amount, u16 0. */
    public static byte[] scroll(int amount) {
        ByteBuffer b = packet(0x0A, 6);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) amount).putShort((short) amount).putShort((short) 0);
        return b.array();
    }

    /** Horizontal scroll (extension): BE16 amount. */
    public static byte[] horizontalScroll(int amount) {
        ByteBuffer b = packet(0x55000001, 2);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) amount);
        return b.array();
    }

    /** UTF-8 text. */
    public static byte[] text(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = packet(0x17, u.length);
        b.put(u);
        return b.array();
    }

    /** Multi-controller state: all fields little-endian, buttons split in the low and the extension's high 16 bits. */
    public static byte[] multiController(int pad, int activeMask, int buttons, int lt, int rt, int lx, int ly, int rx, int ry) {
        ByteBuffer b = packet(0x0C, 26);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x1A).putShort((short) pad).putShort((short) activeMask)
                .putShort((short) 0x14).putShort((short) buttons).put((byte) lt).put((byte) rt)
                .putShort((short) lx).putShort((short) ly).putShort((short) rx).putShort((short) ry)
                .putShort((short) 0x9C).putShort((short) (buttons >>> 16)).putShort((short) 0x55);
        return b.array();
    }

    /** Controller arrival (extension): u8 pad, u8 type, LE16 capabilities, LE32 supported buttons. */
    public static byte[] controllerArrival(int pad, int type, int capabilities, int supportedButtons) {
        ByteBuffer b = packet(0x55000004, 8);
        b.order(ByteOrder.LITTLE_ENDIAN).put((byte) pad).put((byte) type).putShort((short) capabilities).putInt(supportedButtons);
        return b.array();
    }

    /** Touch (extension): u8 type, u8 0, LE16 rotation, LE32 pointer id, LE floats x, y, pressure, area major, minor. */
    public static byte[] touch(int type, int pointerId, float x, float y) {
        ByteBuffer b = packet(0x55000002, 28);
        b.order(ByteOrder.LITTLE_ENDIAN).put((byte) type).put((byte) 0).putShort((short) 0).putInt(pointerId)
                .putFloat(x).putFloat(y).putFloat(1f).putFloat(0f).putFloat(0f);
        return b.array();
    }

    /** Pen (extension): u8 type, u8 tool, u8 buttons, u8 0, floats x, y, pressure, LE16 rotation, u8 tilt, u8 0, floats. */
    public static byte[] pen(int type, float x, float y) {
        ByteBuffer b = packet(0x55000003, 28);
        b.order(ByteOrder.LITTLE_ENDIAN).put((byte) type).put((byte) 1).put((byte) 0).put((byte) 0)
                .putFloat(x).putFloat(y).putFloat(0.5f).putShort((short) 0).put((byte) 0).put((byte) 0)
                .putFloat(0f).putFloat(0f);
        return b.array();
    }

    /** Controller motion (extension): u8 pad, u8 type, u8[2] 0, floats x, y, z. */
    public static byte[] controllerMotion(int pad, int type, float x, float y, float z) {
        ByteBuffer b = packet(0x55000006, 16);
        b.order(ByteOrder.LITTLE_ENDIAN).put((byte) pad).put((byte) type).putShort((short) 0).putFloat(x).putFloat(y).putFloat(z);
        return b.array();
    }

    /** Haptics enable (sent once at start): LE16 1. */
    public static byte[] hapticsEnable() {
        ByteBuffer b = packet(0x0D, 2);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1);
        return b.array();
    }

    /** A packet of any magic with an arbitrary body. */
    public static byte[] raw(int magic, byte[] body) {
        ByteBuffer b = packet(magic, body.length);
        b.put(body);
        return b.array();
    }
}
