package io.punktfunk.host.input;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@link InputInjector} a host uses ({@code --input}). {@link #AUTO} picks XTest when an X display
 * answers, else uinput when {@code /dev/uinput} is writable, else none; gamepads need uinput either way.
 */
public enum InputBackend {
    AUTO, XTEST, UINPUT, NONE;

    private static final Logger LOG = LoggerFactory.getLogger(InputBackend.class);

    /** Parses {@code xtest|uinput|none|auto} (null = auto). */
    public static InputBackend parse(String s) {
        if (s == null || s.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown input backend '" + s + "' (xtest, uinput, none or auto)");
        }
    }

    /**
     * Opens this backend. {@code display} is the X display for XTest (null = {@code $DISPLAY}); rumble
     * from virtual pads goes to {@code rumble}. An explicit choice that cannot open throws
     * {@link IllegalStateException} with the reason; {@link #AUTO} falls back and logs why.
     */
    InputInjector open(String display, RumbleListener rumble) {
        return switch (this) {
            case XTEST -> new XTestInjector(display, padsOrNull(rumble));
            case UINPUT -> UinputInjector.open(LinuxUinputDevice::open, rumble);
            case NONE -> new NoInputInjector();
            case AUTO -> auto(display, rumble);
        };
    }

    private static InputInjector padsOrNull(RumbleListener rumble) {
        if (!LinuxUinputDevice.present()) {
            return null;
        }
        try {
            return UinputInjector.open(LinuxUinputDevice::open, rumble);
        } catch (IllegalStateException e) {
            LOG.info("no virtual gamepads: {}", e.getMessage());
            return null;
        }
    }

    private static InputInjector auto(String display, RumbleListener rumble) {
        String name = display != null ? display : System.getenv("DISPLAY");
        String whyNotX;
        if (name == null || name.isBlank()) {
            whyNotX = "no X display ($DISPLAY unset)";
        } else {
            try {
                return new XTestInjector(name, padsOrNull(rumble));
            } catch (IllegalStateException e) {
                whyNotX = e.getMessage();
            }
        }
        if (LinuxUinputDevice.present()) {
            try {
                return UinputInjector.open(LinuxUinputDevice::open, rumble);
            } catch (IllegalStateException e) {
                LOG.warn("input: no XTest ({}) and no uinput ({}): input is ignored", whyNotX, e.getMessage());
                return new NoInputInjector();
            }
        }
        LOG.warn("input: no XTest ({}) and no {}: input is ignored", whyNotX, LinuxUinputDevice.PATH);
        return new NoInputInjector();
    }
}
