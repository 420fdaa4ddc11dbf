package io.punktfunk.control.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.message.InputEvent;
import org.junit.jupiter.api.Test;

class GamepadStateGateTest {
    private final GamepadStateGate gate = new GamepadStateGate();

    private static InputEvent state(int pad, int seq) {
        return InputEvent.gamepadState(pad, seq, InputEvent.PAD_A, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void onlyNewerStatesPassPerPad() {
        assertThat(gate.accept(state(0, 5))).isTrue();
        assertThat(gate.accept(state(0, 7))).isTrue();
        assertThat(gate.accept(state(0, 6))).as("overtaken").isFalse();
        assertThat(gate.accept(state(0, 7))).as("duplicate").isFalse();
        assertThat(gate.accept(state(1, 0))).as("own sequence per pad").isTrue();
        assertThat(gate.accept(state(0, 255))).as("older across the wrap? no: 255 is 8 behind 7").isFalse();
        assertThat(gate.staleDropped()).isEqualTo(3);
    }

    @Test
    void sequenceWraps() {
        int seq = 250;
        for (int i = 0; i < 600; i++, seq = (seq + 1) & 0xFF) {
            assertThat(gate.accept(state(2, seq))).as("seq %d", seq).isTrue();
        }
        assertThat(gate.staleDropped()).isZero();
    }

    @Test
    void removalRetiresStatesStillInFlight() {
        assertThat(gate.accept(state(3, 10))).isTrue();
        assertThat(gate.accept(InputEvent.gamepadRemove(3, 12))).isTrue();
        assertThat(gate.accept(state(3, 11))).as("sent before the removal, arrived after").isFalse();
        assertThat(gate.accept(InputEvent.gamepadArrival(3, 1, true, false))).isTrue();
        assertThat(gate.accept(state(3, 13))).as("the slot's sequence carries on after re-arrival").isTrue();
    }

    @Test
    void otherKindsPass() {
        assertThat(gate.accept(new InputEvent(InputEvent.MOUSE_MOVE, 0, 1, 1, 0))).isTrue();
        assertThat(gate.accept(new InputEvent(InputEvent.KEY_DOWN, 0x41, 0, 0, 0))).isTrue();
    }
}
