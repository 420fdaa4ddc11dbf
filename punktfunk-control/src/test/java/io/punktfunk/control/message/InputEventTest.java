package io.punktfunk.control.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputEventTest {

    static List<InputEvent> samples() {
        return List.of(new InputEvent(InputEvent.KEY_DOWN, 0x41, 0, 0, InputEvent.MOD_SHIFT),
                new InputEvent(InputEvent.MOUSE_MOVE, 0, -5, 7, 0),
                new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, 100, 50, (1280 << 16) | 720),
                new InputEvent(InputEvent.MOUSE_BUTTON_UP, InputEvent.BUTTON_X2, 0, 0, 0),
                new InputEvent(InputEvent.MOUSE_SCROLL, InputEvent.SCROLL_HORIZONTAL, -120, 0, InputEvent.SCROLL_FLAG_PRECISE),
                new InputEvent(InputEvent.GAMEPAD_BUTTON, InputEvent.PAD_Y, 1, 0, 15),
                new InputEvent(InputEvent.GAMEPAD_AXIS, InputEvent.AXIS_RT, 255, 0, 2),
                InputEvent.gamepadState(15, 200, InputEvent.PAD_A | InputEvent.PAD_MISC1, -32768, 32767, 12, -1, 255, 7),
                InputEvent.gamepadRemove(4, 9), InputEvent.gamepadArrival(4, 1, true, true),
                new InputEvent(InputEvent.TEXT_INPUT, 0x1F600, 0, 0, 0),
                new InputEvent(InputEvent.SCROLL, InputEvent.SCROLL_VERTICAL, -InputEvent.SCROLL_Q8_PER_DETENT / 3, 0,
                        InputEvent.SCROLL_SOURCE_FINGER | 2 << 8));
    }

    @Test
    void everyKindRoundTrips() throws ControlProtocolException {
        for (InputEvent e : samples()) {
            ByteBuf buf = Unpooled.buffer();
            e.encode(buf);
            assertThat(buf.readableBytes()).isEqualTo(InputEvent.BYTES);
            assertThat(InputEvent.decode(buf)).isEqualTo(e);
        }
    }

    @Test
    void gamepadStatePacksPerReference() {
        InputEvent s = InputEvent.gamepadState(5, 0x81, 0x1234, -2, 3, 32767, -32768, 200, 100);
        assertThat(s.x()).isEqualTo(0xFFFE_0003);
        assertThat(s.y()).isEqualTo(0x7FFF_8000);
        assertThat(s.flags()).isEqualTo(0x81_C8_64_05);
        assertThat(new int[] {s.pad(), s.padSeq(), s.leftStickX(), s.leftStickY(), s.rightStickX(), s.rightStickY(),
                s.leftTrigger(), s.rightTrigger()}).containsExactly(5, 0x81, -2, 3, 32767, -32768, 200, 100);
        assertThat(InputEvent.gamepadRemove(3, 0xFE).flags()).isEqualTo(0xFE00_0003);
        assertThat(InputEvent.gamepadArrival(2, 1, true, false).flags()).isEqualTo(0x102);
    }

    @Test
    void edgesAreTheKindsWhoseLossWouldStick() {
        assertThat(samples().stream().filter(InputEvent::isEdge).map(InputEvent::kind)).containsExactly(
                InputEvent.KEY_DOWN, InputEvent.MOUSE_BUTTON_UP, InputEvent.GAMEPAD_BUTTON, InputEvent.GAMEPAD_REMOVE,
                InputEvent.GAMEPAD_ARRIVAL, InputEvent.TEXT_INPUT);
    }

    @Test
    void outOfRangeFieldsAreMalformed() {
        List<InputEvent> bad = List.of(new InputEvent(InputEvent.KEY_DOWN, 0, 0, 0, 0),
                new InputEvent(InputEvent.KEY_UP, 0x100, 0, 0, 0),
                new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, 1, 1, 1280 << 16),
                new InputEvent(InputEvent.MOUSE_BUTTON_DOWN, 6, 0, 0, 0),
                new InputEvent(InputEvent.MOUSE_SCROLL, 2, 120, 0, 0),
                new InputEvent(InputEvent.GAMEPAD_BUTTON, InputEvent.PAD_A, 1, 0, 16),
                new InputEvent(InputEvent.GAMEPAD_AXIS, 6, 0, 0, 0),
                InputEvent.gamepadState(16, 0, 0, 0, 0, 0, 0, 0, 0),
                new InputEvent(InputEvent.TEXT_INPUT, 0xD800, 0, 0, 0),
                new InputEvent(InputEvent.TEXT_INPUT, 0x110000, 0, 0, 0),
                new InputEvent(InputEvent.SCROLL, 7, 1, 0, 0));
        for (InputEvent e : bad) {
            ByteBuf buf = Unpooled.buffer();
            e.encode(buf);
            assertThatThrownBy(() -> InputEvent.decode(buf)).as("%s", e).isInstanceOf(ControlProtocolException.class)
                    .hasMessageContaining("kind " + e.kind());
        }
        ByteBuf unknownKind = Unpooled.buffer().writeByte(InputEvent.TAG).writeByte(17).writeZero(16);
        assertThatThrownBy(() -> InputEvent.decode(unknownKind)).hasMessageContaining("unknown input kind 17");
        ByteBuf shortOne = Unpooled.buffer().writeByte(InputEvent.TAG).writeByte(0).writeZero(15);
        assertThatThrownBy(() -> InputEvent.decode(shortOne)).hasMessageContaining("17 bytes");
    }
}
