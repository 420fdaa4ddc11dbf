package io.punktfunk.host.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.testkit.Environment;
import org.junit.jupiter.api.Test;

/** {@code --input} parsing and what {@link InputBackend#AUTO} and an explicit choice do without a display. */
class InputBackendTest {
    @Test
    void parsesTheFourChoices() {
        assertEquals(InputBackend.AUTO, InputBackend.parse(null));
        assertEquals(InputBackend.XTEST, InputBackend.parse("xtest"));
        assertEquals(InputBackend.UINPUT, InputBackend.parse(" UInput "));
        assertEquals(InputBackend.NONE, InputBackend.parse("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputBackend.parse("libei"));
        assertTrue(e.getMessage().contains("xtest, uinput, none or auto"), e.getMessage());
    }

    @Test
    void anExplicitXTestOnADeadDisplaySaysWhich() {
        Environment.require(Xlib.available(), "libX11/libXtst missing (Debian packages libx11-6 libxtst6)");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InputBackend.XTEST.open(":4097", RumbleListener.NONE));
        assertTrue(e.getMessage().contains("cannot open X display :4097"), e.getMessage());
    }

    @Test
    void autoWithoutADisplayFallsBackInsteadOfFailing() {
        InputInjector i = InputBackend.AUTO.open(":4097", RumbleListener.NONE);
        try {
            // uinput where the device is writable, else none; never an exception
            assertEquals(LinuxUinputDevice.present() ? "uinput" : "none", i.name());
        } finally {
            i.close();
        }
    }

    @Test
    void noneCountsEverything() {
        InputInjector i = InputBackend.NONE.open(null, RumbleListener.NONE);
        i.keyDown(0x41);
        i.pointerRel(1, 1);
        i.padArrive(0, 1);
        assertEquals(3, i.rejected());
        i.close();
    }
}
