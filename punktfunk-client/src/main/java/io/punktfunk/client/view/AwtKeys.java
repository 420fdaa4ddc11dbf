package io.punktfunk.client.view;

import io.punktfunk.control.input.VirtualKeys;
import io.punktfunk.control.message.InputEvent;
import java.awt.event.KeyEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * AWT key events to the wire's US-positional virtual keys. On X11 the key's position is its X keycode
 * (evdev code + 8), which AWT keeps in the private {@code KeyEvent.rawCode}; with
 * {@code --add-opens java.desktop/java.awt.event=ALL-UNNAMED} (the launcher and the tests pass it) that is
 * what we map, so a German "Z" key (US "Y" position) sends {@code VK_Y}. Without it, or on another toolkit,
 * AWT's layout-dependent key code is translated instead: right for US layouts, by character elsewhere.
 */
final class AwtKeys {
    private static final VarHandle RAW_CODE = rawCodeHandle();
    /** X keycodes are evdev codes + 8 (the X server's evdev driver offset). */
    private static final int X_KEYCODE_OFFSET = 8;

    private AwtKeys() {
    }

    private static VarHandle rawCodeHandle() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return null;
        }
        try {
            return MethodHandles.privateLookupIn(KeyEvent.class, MethodHandles.lookup())
                    .findVarHandle(KeyEvent.class, "rawCode", long.class);
        } catch (ReflectiveOperationException | IllegalAccessError | SecurityException e) {
            return null; // module not opened: fall back to the AWT key code
        }
    }

    /** True when keys map by position (the X keycode is readable). */
    static boolean positional() {
        return RAW_CODE != null;
    }

    /** The wire VK of {@code e}, or 0 when the key has none (its character may still come as text). */
    static int vk(KeyEvent e) {
        if (RAW_CODE != null) {
            long raw = (long) RAW_CODE.get(e);
            if (raw > X_KEYCODE_OFFSET) {
                return VirtualKeys.fromEvdev((int) raw - X_KEYCODE_OFFSET);
            }
            if (raw != 0) {
                return 0; // a keycode below 9 is xdotool's or an IME's spare: no position
            }
        }
        return fromAwt(e.getKeyCode(), e.getKeyLocation());
    }

    /** AWT's (layout-dependent) key code to the wire's VK. */
    static int fromAwt(int awt, int location) {
        boolean right = location == KeyEvent.KEY_LOCATION_RIGHT;
        if ((awt >= KeyEvent.VK_A && awt <= KeyEvent.VK_Z) || (awt >= KeyEvent.VK_0 && awt <= KeyEvent.VK_9)
                || (awt >= KeyEvent.VK_F1 && awt <= KeyEvent.VK_F12)
                || (awt >= KeyEvent.VK_NUMPAD0 && awt <= KeyEvent.VK_DIVIDE)
                || (awt >= KeyEvent.VK_PAGE_UP && awt <= KeyEvent.VK_DOWN)) {
            return awt; // same numbers in both tables
        }
        if (awt >= KeyEvent.VK_F13 && awt <= KeyEvent.VK_F24) {
            return VirtualKeys.VK_F1 + 12 + (awt - KeyEvent.VK_F13);
        }
        return switch (awt) {
            case KeyEvent.VK_ENTER -> VirtualKeys.VK_RETURN;
            case KeyEvent.VK_BACK_SPACE -> VirtualKeys.VK_BACK;
            case KeyEvent.VK_TAB -> VirtualKeys.VK_TAB;
            case KeyEvent.VK_ESCAPE -> VirtualKeys.VK_ESCAPE;
            case KeyEvent.VK_SPACE -> VirtualKeys.VK_SPACE;
            case KeyEvent.VK_SHIFT -> right ? VirtualKeys.VK_RSHIFT : VirtualKeys.VK_LSHIFT;
            case KeyEvent.VK_CONTROL -> right ? VirtualKeys.VK_RCONTROL : VirtualKeys.VK_LCONTROL;
            case KeyEvent.VK_ALT -> VirtualKeys.VK_LMENU;
            case KeyEvent.VK_ALT_GRAPH -> VirtualKeys.VK_RMENU;
            case KeyEvent.VK_WINDOWS, KeyEvent.VK_META -> right ? VirtualKeys.VK_RWIN : VirtualKeys.VK_LWIN;
            case KeyEvent.VK_CONTEXT_MENU -> VirtualKeys.VK_APPS;
            case KeyEvent.VK_CAPS_LOCK -> VirtualKeys.VK_CAPITAL;
            case KeyEvent.VK_NUM_LOCK -> VirtualKeys.VK_NUMLOCK;
            case KeyEvent.VK_SCROLL_LOCK -> VirtualKeys.VK_SCROLL;
            case KeyEvent.VK_PAUSE -> VirtualKeys.VK_PAUSE;
            case KeyEvent.VK_PRINTSCREEN -> VirtualKeys.VK_SNAPSHOT;
            case KeyEvent.VK_INSERT -> VirtualKeys.VK_INSERT;
            case KeyEvent.VK_DELETE -> VirtualKeys.VK_DELETE;
            case KeyEvent.VK_HOME -> VirtualKeys.VK_HOME;
            case KeyEvent.VK_END -> VirtualKeys.VK_END;
            case KeyEvent.VK_SEMICOLON -> VirtualKeys.VK_OEM_1;
            case KeyEvent.VK_EQUALS -> VirtualKeys.VK_OEM_PLUS;
            case KeyEvent.VK_COMMA -> VirtualKeys.VK_OEM_COMMA;
            case KeyEvent.VK_MINUS -> VirtualKeys.VK_OEM_MINUS;
            case KeyEvent.VK_PERIOD -> VirtualKeys.VK_OEM_PERIOD;
            case KeyEvent.VK_SLASH -> VirtualKeys.VK_OEM_2;
            case KeyEvent.VK_BACK_QUOTE -> VirtualKeys.VK_OEM_3;
            case KeyEvent.VK_OPEN_BRACKET -> VirtualKeys.VK_OEM_4;
            case KeyEvent.VK_BACK_SLASH -> VirtualKeys.VK_OEM_5;
            case KeyEvent.VK_CLOSE_BRACKET -> VirtualKeys.VK_OEM_6;
            case KeyEvent.VK_QUOTE -> VirtualKeys.VK_OEM_7;
            case KeyEvent.VK_LESS -> VirtualKeys.VK_OEM_102;
            default -> 0;
        };
    }

    /** {@code InputEvent.MOD_*} bits of the modifiers held during {@code e}. */
    static int modifiers(java.awt.event.InputEvent e) {
        int ex = e.getModifiersEx();
        return ((ex & java.awt.event.InputEvent.SHIFT_DOWN_MASK) != 0 ? InputEvent.MOD_SHIFT : 0)
                | ((ex & java.awt.event.InputEvent.CTRL_DOWN_MASK) != 0 ? InputEvent.MOD_CTRL : 0)
                | ((ex & (java.awt.event.InputEvent.ALT_DOWN_MASK | java.awt.event.InputEvent.ALT_GRAPH_DOWN_MASK)) != 0
                        ? InputEvent.MOD_ALT : 0)
                | ((ex & java.awt.event.InputEvent.META_DOWN_MASK) != 0 ? InputEvent.MOD_META : 0);
    }
}
