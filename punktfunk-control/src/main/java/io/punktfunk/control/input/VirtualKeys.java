package io.punktfunk.control.input;

/**
 * The wire's key codes: Windows virtual-key codes, US-positional (reference §2.7), and their Linux evdev
 * {@code KEY_*} positions. "Positional" means a code names a place on the keyboard, not a character: the key
 * right of Tab is {@code VK_Q} (0x51) on every layout, so the host's layout decides what it types. Left and
 * right modifiers keep their sides ({@code VK_LSHIFT} 0xA0 … {@code VK_RMENU} 0xA5); keypad Enter shares
 * {@code VK_RETURN} with Enter.
 */
public final class VirtualKeys {
    public static final int VK_BACK = 0x08;
    public static final int VK_TAB = 0x09;
    public static final int VK_RETURN = 0x0D;
    public static final int VK_SHIFT = 0x10;
    public static final int VK_CONTROL = 0x11;
    public static final int VK_MENU = 0x12;
    public static final int VK_PAUSE = 0x13;
    public static final int VK_CAPITAL = 0x14;
    public static final int VK_ESCAPE = 0x1B;
    public static final int VK_SPACE = 0x20;
    public static final int VK_PRIOR = 0x21;
    public static final int VK_NEXT = 0x22;
    public static final int VK_END = 0x23;
    public static final int VK_HOME = 0x24;
    public static final int VK_LEFT = 0x25;
    public static final int VK_UP = 0x26;
    public static final int VK_RIGHT = 0x27;
    public static final int VK_DOWN = 0x28;
    public static final int VK_SNAPSHOT = 0x2C;
    public static final int VK_INSERT = 0x2D;
    public static final int VK_DELETE = 0x2E;
    public static final int VK_LWIN = 0x5B;
    public static final int VK_RWIN = 0x5C;
    public static final int VK_APPS = 0x5D;
    public static final int VK_NUMPAD0 = 0x60;
    public static final int VK_MULTIPLY = 0x6A;
    public static final int VK_ADD = 0x6B;
    public static final int VK_SUBTRACT = 0x6D;
    public static final int VK_DECIMAL = 0x6E;
    public static final int VK_DIVIDE = 0x6F;
    public static final int VK_F1 = 0x70;
    public static final int VK_NUMLOCK = 0x90;
    public static final int VK_SCROLL = 0x91;
    public static final int VK_LSHIFT = 0xA0;
    public static final int VK_RSHIFT = 0xA1;
    public static final int VK_LCONTROL = 0xA2;
    public static final int VK_RCONTROL = 0xA3;
    public static final int VK_LMENU = 0xA4;
    public static final int VK_RMENU = 0xA5;
    public static final int VK_VOLUME_MUTE = 0xAD;
    public static final int VK_VOLUME_DOWN = 0xAE;
    public static final int VK_VOLUME_UP = 0xAF;
    public static final int VK_MEDIA_NEXT_TRACK = 0xB0;
    public static final int VK_MEDIA_PREV_TRACK = 0xB1;
    public static final int VK_MEDIA_STOP = 0xB2;
    public static final int VK_MEDIA_PLAY_PAUSE = 0xB3;
    /** US ";:" key. */
    public static final int VK_OEM_1 = 0xBA;
    public static final int VK_OEM_PLUS = 0xBB;
    public static final int VK_OEM_COMMA = 0xBC;
    public static final int VK_OEM_MINUS = 0xBD;
    public static final int VK_OEM_PERIOD = 0xBE;
    /** US "/?" key. */
    public static final int VK_OEM_2 = 0xBF;
    /** US "`~" key. */
    public static final int VK_OEM_3 = 0xC0;
    /** US "[{" key. */
    public static final int VK_OEM_4 = 0xDB;
    /** US "\|" key. */
    public static final int VK_OEM_5 = 0xDC;
    /** US "]}" key. */
    public static final int VK_OEM_6 = 0xDD;
    /** US "'"" key. */
    public static final int VK_OEM_7 = 0xDE;
    /** The extra key between left Shift and Z on ISO keyboards. */
    public static final int VK_OEM_102 = 0xE2;

    /** Index = evdev KEY_* code (0..255), value = VK or 0 when the key has no wire code. */
    private static final short[] FROM_EVDEV = new short[256];
    /** Index = VK, value = evdev KEY_* code (the main-block key when two share a VK), 0 when none. */
    private static final short[] TO_EVDEV = new short[256];

    static {
        String row1 = "1234567890"; // KEY_1 = 2 … KEY_0 = 11
        for (int i = 0; i < row1.length(); i++) {
            map(2 + i, row1.charAt(i));
        }
        map(1, VK_ESCAPE);
        map(12, VK_OEM_MINUS);
        map(13, VK_OEM_PLUS);
        map(14, VK_BACK);
        map(15, VK_TAB);
        letters(16, "QWERTYUIOP");
        map(26, VK_OEM_4);
        map(27, VK_OEM_6);
        map(28, VK_RETURN);
        map(29, VK_LCONTROL);
        letters(30, "ASDFGHJKL");
        map(39, VK_OEM_1);
        map(40, VK_OEM_7);
        map(41, VK_OEM_3);
        map(42, VK_LSHIFT);
        map(43, VK_OEM_5);
        letters(44, "ZXCVBNM");
        map(51, VK_OEM_COMMA);
        map(52, VK_OEM_PERIOD);
        map(53, VK_OEM_2);
        map(54, VK_RSHIFT);
        map(55, VK_MULTIPLY);
        map(56, VK_LMENU);
        map(57, VK_SPACE);
        map(58, VK_CAPITAL);
        for (int i = 0; i < 10; i++) {
            map(59 + i, VK_F1 + i); // F1..F10
        }
        map(69, VK_NUMLOCK);
        map(70, VK_SCROLL);
        int[] keypad = {71, 7, 72, 8, 73, 9, 75, 4, 76, 5, 77, 6, 79, 1, 80, 2, 81, 3, 82, 0};
        for (int i = 0; i < keypad.length; i += 2) {
            map(keypad[i], VK_NUMPAD0 + keypad[i + 1]);
        }
        map(74, VK_SUBTRACT);
        map(78, VK_ADD);
        map(83, VK_DECIMAL);
        map(86, VK_OEM_102);
        map(87, VK_F1 + 10);
        map(88, VK_F1 + 11);
        map(96, VK_RETURN); // keypad Enter: same VK, TO_EVDEV keeps KEY_ENTER
        map(97, VK_RCONTROL);
        map(98, VK_DIVIDE);
        map(99, VK_SNAPSHOT);
        map(100, VK_RMENU);
        map(102, VK_HOME);
        map(103, VK_UP);
        map(104, VK_PRIOR);
        map(105, VK_LEFT);
        map(106, VK_RIGHT);
        map(107, VK_END);
        map(108, VK_DOWN);
        map(109, VK_NEXT);
        map(110, VK_INSERT);
        map(111, VK_DELETE);
        map(113, VK_VOLUME_MUTE);
        map(114, VK_VOLUME_DOWN);
        map(115, VK_VOLUME_UP);
        map(119, VK_PAUSE);
        map(125, VK_LWIN);
        map(126, VK_RWIN);
        map(127, VK_APPS);
        map(163, VK_MEDIA_NEXT_TRACK);
        map(164, VK_MEDIA_PLAY_PAUSE);
        map(165, VK_MEDIA_PREV_TRACK);
        map(166, VK_MEDIA_STOP);
        for (int i = 0; i < 12; i++) {
            map(183 + i, VK_F1 + 12 + i); // F13..F24
        }
    }

    private VirtualKeys() {
    }

    private static void letters(int firstEvdev, String keys) {
        for (int i = 0; i < keys.length(); i++) {
            map(firstEvdev + i, keys.charAt(i));
        }
    }

    private static void map(int evdev, int vk) {
        FROM_EVDEV[evdev] = (short) vk;
        if (TO_EVDEV[vk] == 0) {
            TO_EVDEV[vk] = (short) evdev;
        }
    }

    /** The wire code of evdev key {@code KEY_*} (X11 keycode − 8), or 0 when it has none. */
    public static int fromEvdev(int evdevKey) {
        return evdevKey >= 0 && evdevKey < FROM_EVDEV.length ? FROM_EVDEV[evdevKey] : 0;
    }

    /** The evdev key at the position of {@code vk}, or 0. Generic VK_SHIFT/CONTROL/MENU mean the left key. */
    public static int toEvdev(int vk) {
        int v = switch (vk) {
            case VK_SHIFT -> VK_LSHIFT;
            case VK_CONTROL -> VK_LCONTROL;
            case VK_MENU -> VK_LMENU;
            default -> vk;
        };
        return v >= 0 && v < TO_EVDEV.length ? TO_EVDEV[v] : 0;
    }
}
