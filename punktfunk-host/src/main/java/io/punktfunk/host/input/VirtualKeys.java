package io.punktfunk.host.input;

/**
 * The wire's key codes (Windows virtual-key codes, US-positional: reference §2.7) mapped to X keysyms
 * (for XTest) and to Linux evdev {@code KEY_*} codes (for uinput), plus the US layout's printable ASCII
 * as (virtual key, shift) for backends that can only type keys. Unknown codes map to 0.
 */
public final class VirtualKeys {
    /** Windows VK_SHIFT / VK_LSHIFT, used for shifted text. */
    public static final int VK_LSHIFT = 0xA0;

    private static final long[] KEYSYM = new long[256];
    private static final int[] EVDEV = new int[256];
    /** For ASCII 0..127: VK in the low byte, bit 8 = needs shift; 0 = not typeable. */
    private static final int[] ASCII = new int[128];

    private VirtualKeys() {
    }

    /** X keysym for {@code vk}, 0 if unknown. */
    public static long keysym(int vk) {
        return vk >= 0 && vk < 256 ? KEYSYM[vk] : 0;
    }

    /** evdev {@code KEY_*} for {@code vk}, 0 if unknown. */
    public static int evdev(int vk) {
        return vk >= 0 && vk < 256 ? EVDEV[vk] : 0;
    }

    /** {@code vk | 0x100 if shifted} that types ASCII {@code c} on a US layout, 0 if none. */
    public static int ascii(int c) {
        return c >= 0 && c < 128 ? ASCII[c] : 0;
    }

    /** Every evdev key code this table can produce (the uinput keyboard declares them). */
    public static int[] evdevCodes() {
        return java.util.Arrays.stream(EVDEV).filter(k -> k != 0).distinct().sorted().toArray();
    }

    private static void key(int vk, long keysym, int evdev) {
        KEYSYM[vk] = keysym;
        EVDEV[vk] = evdev;
    }

    static {
        key(0x08, 0xff08, 14);   // BACK → BackSpace, KEY_BACKSPACE
        key(0x09, 0xff09, 15);   // TAB
        key(0x0D, 0xff0d, 28);   // RETURN → KEY_ENTER
        key(0x10, 0xffe1, 42);   // SHIFT → Shift_L
        key(0x11, 0xffe3, 29);   // CONTROL → Control_L
        key(0x12, 0xffe9, 56);   // MENU → Alt_L
        key(0x13, 0xff13, 119);  // PAUSE
        key(0x14, 0xffe5, 58);   // CAPITAL → Caps_Lock
        key(0x1B, 0xff1b, 1);    // ESCAPE
        key(0x20, 0x0020, 57);   // SPACE
        key(0x21, 0xff55, 104);  // PRIOR → Page Up
        key(0x22, 0xff56, 109);  // NEXT → Page Down
        key(0x23, 0xff57, 107);  // END
        key(0x24, 0xff50, 102);  // HOME
        key(0x25, 0xff51, 105);  // LEFT
        key(0x26, 0xff52, 103);  // UP
        key(0x27, 0xff53, 106);  // RIGHT
        key(0x28, 0xff54, 108);  // DOWN
        key(0x2C, 0xff61, 99);   // SNAPSHOT → Print, KEY_SYSRQ
        key(0x2D, 0xff63, 110);  // INSERT
        key(0x2E, 0xffff, 111);  // DELETE
        key(0x30, '0', 11);
        for (int d = 1; d <= 9; d++) {
            key(0x30 + d, '0' + d, 1 + d); // KEY_1 = 2 … KEY_9 = 10
        }
        int[] letters = {30, 48, 46, 32, 18, 33, 34, 35, 23, 36, 37, 38, 50, 49, 24, 25, 16, 19, 31, 20, 22, 47, 17, 45, 21, 44};
        for (int i = 0; i < 26; i++) {
            key(0x41 + i, 'a' + i, letters[i]);
        }
        key(0x5B, 0xffeb, 125);  // LWIN → Super_L, KEY_LEFTMETA
        key(0x5C, 0xffec, 126);  // RWIN
        key(0x5D, 0xff67, 127);  // APPS → Menu, KEY_COMPOSE
        int[] keypad = {82, 79, 80, 81, 75, 76, 77, 71, 72, 73};
        for (int i = 0; i < 10; i++) {
            key(0x60 + i, 0xffb0 + i, keypad[i]); // NUMPAD0-9 → KP_0-9
        }
        key(0x6A, 0xffaa, 55);   // MULTIPLY → KEY_KPASTERISK
        key(0x6B, 0xffab, 78);   // ADD
        key(0x6C, 0xffac, 121);  // SEPARATOR → KEY_KPCOMMA
        key(0x6D, 0xffad, 74);   // SUBTRACT
        key(0x6E, 0xffae, 83);   // DECIMAL
        key(0x6F, 0xffaf, 98);   // DIVIDE
        for (int f = 0; f < 24; f++) {
            int code = f < 10 ? 59 + f : f == 10 ? 87 : f == 11 ? 88 : 183 + (f - 12); // F1-F10, F11, F12, F13-F24
            key(0x70 + f, 0xffbe + f, code);
        }
        key(0x90, 0xff7f, 69);   // NUMLOCK
        key(0x91, 0xff14, 70);   // SCROLL
        key(0xA0, 0xffe1, 42);   // LSHIFT
        key(0xA1, 0xffe2, 54);   // RSHIFT
        key(0xA2, 0xffe3, 29);   // LCONTROL
        key(0xA3, 0xffe4, 97);   // RCONTROL
        key(0xA4, 0xffe9, 56);   // LMENU → Alt_L
        key(0xA5, 0xffea, 100);  // RMENU → Alt_R
        key(0xAD, 0x1008ff12, 113); // VOLUME_MUTE
        key(0xAE, 0x1008ff11, 114); // VOLUME_DOWN
        key(0xAF, 0x1008ff13, 115); // VOLUME_UP
        key(0xB0, 0x1008ff17, 163); // MEDIA_NEXT_TRACK
        key(0xB1, 0x1008ff16, 165); // MEDIA_PREV_TRACK
        key(0xB2, 0x1008ff15, 166); // MEDIA_STOP
        key(0xB3, 0x1008ff14, 164); // MEDIA_PLAY_PAUSE
        key(0xBA, ';', 39);      // OEM_1
        key(0xBB, '=', 13);      // OEM_PLUS
        key(0xBC, ',', 51);      // OEM_COMMA
        key(0xBD, '-', 12);      // OEM_MINUS
        key(0xBE, '.', 52);      // OEM_PERIOD
        key(0xBF, '/', 53);      // OEM_2
        key(0xC0, '`', 41);      // OEM_3
        key(0xDB, '[', 26);      // OEM_4
        key(0xDC, '\\', 43);     // OEM_5
        key(0xDD, ']', 27);      // OEM_6
        key(0xDE, '\'', 40);     // OEM_7
        key(0xE2, '<', 86);      // OEM_102 (ISO key) → KEY_102ND

        for (int c = 'a'; c <= 'z'; c++) {
            ASCII[c] = 0x41 + (c - 'a');
            ASCII[c - 32] = (0x41 + (c - 'a')) | 0x100;
        }
        for (int c = '0'; c <= '9'; c++) {
            ASCII[c] = c;
        }
        String shiftedDigits = ")!@#$%^&*(";
        for (int i = 0; i < 10; i++) {
            ASCII[shiftedDigits.charAt(i)] = (0x30 + i) | 0x100;
        }
        String plain = " \n\t-=[]\\;',./`";
        String shifted = "  \t_+{}|:\"<>?~";
        int[] vks = {0x20, 0x0D, 0x09, 0xBD, 0xBB, 0xDB, 0xDD, 0xDC, 0xBA, 0xDE, 0xBC, 0xBE, 0xBF, 0xC0};
        for (int i = 0; i < vks.length; i++) {
            ASCII[plain.charAt(i)] = vks[i];
            if (i >= 3) {
                ASCII[shifted.charAt(i)] = vks[i] | 0x100;
            }
        }
    }
}
