package io.punktfunk.host.gamestream.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.punktfunk.control.message.InputEvent;
import io.punktfunk.host.gamestream.client.control.NvInputPackets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The decoder on its own: event fields it produces, pad bookkeeping, and hostile bytes. */
class InputPacketDecoderTest {
    private final List<InputEvent> events = new ArrayList<>();
    private int ended;
    private final InputPacketDecoder decoder = new InputPacketDecoder(new InputSink() {
        @Override
        public void input(InputEvent event) {
            events.add(event);
        }

        @Override
        public void ended() {
            ended++;
        }
    });

    private void decode(byte[] p) {
        decoder.decode(p, 0, p.length);
    }

    @Test
    void everyEventItProducesPassesTheHostsOwnFieldChecks() {
        decode(NvInputPackets.key(true, 0x5A, 0x0F));
        decode(NvInputPackets.mouseAbsolute(65535, 0, 65536, 1));
        decode(NvInputPackets.text("ß"));
        decode(NvInputPackets.multiController(15, 0x8000, 0xFFFF_FFFF, 255, 255, -1, -1, -1, -1));
        decode(NvInputPackets.touch(0x01, -5, 2f, Float.NaN));
        assertEquals(List.of(InputEvent.KEY_DOWN, InputEvent.MOUSE_MOVE_ABS, InputEvent.TEXT_INPUT,
                InputEvent.GAMEPAD_ARRIVAL, InputEvent.GAMEPAD_STATE, InputEvent.TOUCH_DOWN),
                events.stream().map(InputEvent::kind).toList());
        for (InputEvent e : events) {
            assertEquals(null, e.invalidReason(), e.toString());
        }
        assertEquals(0x0F, events.getFirst().flags(), "modifiers");
        assertEquals(0xFFFF, events.get(1).refWidth(), "a 65536-wide view is clamped to 16 bits");
        InputEvent touch = events.getLast();
        assertEquals(0xFFFE, touch.x(), "x beyond 1 clamped inside the view");
        assertEquals(0, touch.y(), "NaN lands at 0");
    }

    @Test
    void padSequenceNumbersRiseWithEveryStateAndRemoval() {
        decode(NvInputPackets.multiController(2, 0b100, 0, 0, 0, 0, 0, 0, 0));
        decode(NvInputPackets.multiController(2, 0b100, 0x1000, 0, 0, 0, 0, 0, 0));
        decode(NvInputPackets.multiController(2, 0, 0, 0, 0, 0, 0, 0, 0));
        decode(NvInputPackets.multiController(2, 0, 0, 0, 0, 0, 0, 0, 0)); // already gone: nothing
        assertEquals(List.of(InputEvent.GAMEPAD_ARRIVAL, InputEvent.GAMEPAD_STATE, InputEvent.GAMEPAD_STATE,
                InputEvent.GAMEPAD_REMOVE), events.stream().map(InputEvent::kind).toList());
        assertEquals(List.of(1, 2, 3), events.subList(1, 4).stream().map(InputEvent::padSeq).toList());
        assertEquals(2, events.getLast().pad());
    }

    @Test
    void endRemovesPadsAndLiftsFingersThenTellsTheSink() {
        decode(NvInputPackets.multiController(0, 0b11, 0, 0, 0, 0, 0, 0, 0));
        decode(NvInputPackets.multiController(1, 0b11, 0, 0, 0, 0, 0, 0, 0));
        decode(NvInputPackets.touch(0x01, 9, 0.5f, 0.5f));
        decode(NvInputPackets.pen(0x01, 0.5f, 0.5f));
        events.clear();
        decoder.end();
        assertEquals(List.of(InputEvent.GAMEPAD_REMOVE, InputEvent.GAMEPAD_REMOVE, InputEvent.TOUCH_UP,
                InputEvent.MOUSE_BUTTON_UP), events.stream().map(InputEvent::kind).toList());
        assertEquals(1, ended);
    }

    @Test
    void aSizeThatFitsNeitherByteOrderEndsTheMessage() {
        byte[] p = NvInputPackets.mouseButton(true, 1);
        p[0] = 0x7F; // size field now huge both ways
        byte[] two = new byte[p.length * 2];
        System.arraycopy(p, 0, two, 0, p.length);
        System.arraycopy(NvInputPackets.mouseButton(true, 2), 0, two, p.length, p.length);
        decode(two);
        assertEquals(List.of(), events);
        assertEquals(1, decoder.malformed());
    }

    /** Seeded garbage, half of it shaped like packets: nothing escapes, counters account for every packet. */
    @RepeatedTest(8)
    void hostileBytesNeverThrow(RepetitionInfo info) {
        long seed = 0x6A5E_0000L + info.getCurrentRepetition();
        SplittableRandom r = new SplittableRandom(seed);
        int[] magics = {3, 4, 5, 7, 8, 9, 0x0A, 0x0C, 0x0D, 0x17, 0x55000001, 0x55000002, 0x55000003, 0x55000004,
            0x55000005, 0x55000006, 0x55000007, r.nextInt()};
        for (int i = 0; i < 2000; i++) {
            byte[] body = new byte[r.nextInt(0, 40)];
            r.nextBytes(body);
            byte[] p = r.nextBoolean() ? NvInputPackets.raw(magics[r.nextInt(magics.length)], body) : body;
            try {
                decoder.decode(p, 0, p.length);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", packet " + i, e);
            }
        }
        for (InputEvent e : events) {
            assertEquals(null, e.invalidReason(), "seed " + seed + ": " + e);
        }
        assertTrue(decoder.malformed() + decoder.unknown() > 0, "seed " + seed);
        assertTrue(decoder.packets() > 0, "seed " + seed);
    }
}
