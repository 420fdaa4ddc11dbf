package io.punktfunk.client.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.client.view.KeyInput;
import io.punktfunk.client.view.MouseButtonInput;
import io.punktfunk.client.view.MouseDeltaInput;
import io.punktfunk.client.view.MouseWheelInput;
import io.punktfunk.control.message.InputEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteInputTest {

    @Test
    void viewerEventsMapToWireEvents() {
        assertThat(RemoteInput.toWire(new MouseDeltaInput(-3, 9))).isEqualTo(new InputEvent(InputEvent.MOUSE_MOVE, 0, -3, 9, 0));
        assertThat(RemoteInput.toWire(new MouseWheelInput(InputEvent.SCROLL_VERTICAL, 1)))
                .isEqualTo(new InputEvent(InputEvent.MOUSE_SCROLL, 0, 120, 0, 0));
        assertThat(RemoteInput.toWire(new MouseWheelInput(InputEvent.SCROLL_VERTICAL, -1.5)))
                .as("a fraction goes as Scroll in Q24.8").isEqualTo(new InputEvent(InputEvent.SCROLL, 0, -46080, 0, 0));
        assertThat(RemoteInput.toWire(new KeyInput(0xA1, false, InputEvent.MOD_CTRL)))
                .isEqualTo(new InputEvent(InputEvent.KEY_UP, 0xA1, 0, 0, InputEvent.MOD_CTRL));
    }

    @Test
    void nothingGoesOutBeforeAttachAndDetachReleasesWhatIsHeld() {
        RemoteInput input = new RemoteInput();
        List<InputEvent> out = new ArrayList<>();
        input.accept(new KeyInput(0x41, true, 0)); // before the session: dropped, not remembered
        input.attach(out::add);
        input.accept(new KeyInput(0x42, true, 0));
        input.accept(new KeyInput(0x43, true, 0));
        input.accept(new KeyInput(0x43, false, 0));
        input.accept(new MouseButtonInput(InputEvent.BUTTON_X2, true));
        input.detach();
        input.accept(new KeyInput(0x44, true, 0));
        assertThat(out).containsExactly(new InputEvent(InputEvent.KEY_DOWN, 0x42, 0, 0, 0),
                new InputEvent(InputEvent.KEY_DOWN, 0x43, 0, 0, 0), new InputEvent(InputEvent.KEY_UP, 0x43, 0, 0, 0),
                new InputEvent(InputEvent.MOUSE_BUTTON_DOWN, 5, 0, 0, 0),
                new InputEvent(InputEvent.KEY_UP, 0x42, 0, 0, 0), new InputEvent(InputEvent.MOUSE_BUTTON_UP, 5, 0, 0, 0));
        assertThat(input.sent()).isEqualTo(4);
    }
}
