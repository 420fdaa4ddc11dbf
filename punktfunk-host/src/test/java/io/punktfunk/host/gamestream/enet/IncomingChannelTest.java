package io.punktfunk.host.gamestream.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Receive-side ordering of one channel, stepped by hand: reliable order, held unreliable packets, fragments. */
class IncomingChannelTest {
    private final List<String> delivered = new ArrayList<>();
    private final IncomingChannel.Sink sink =
            (channel, data, off, len) -> delivered.add(new String(data, off, len, StandardCharsets.US_ASCII));
    private final IncomingChannel ch = new IncomingChannel(3, 1000);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private int reliable(int seq, String s) {
        byte[] d = b("xx" + s);
        return ch.reliable(seq, d, 2, d.length - 2, sink);
    }

    @Test
    void reliablePacketsAreDeliveredInSequenceOrderOnceEach() {
        assertEquals(IncomingChannel.ACK, reliable(3, "c"));
        assertEquals(IncomingChannel.ACK, reliable(2, "b"));
        assertEquals(List.of(), delivered);
        assertEquals(IncomingChannel.DUPLICATE, reliable(3, "c"), "held twice");
        assertEquals(IncomingChannel.ACK, reliable(1, "a"));
        assertEquals(List.of("a", "b", "c"), delivered);
        assertEquals(IncomingChannel.DUPLICATE, reliable(2, "b"), "already delivered");
        assertEquals(IncomingChannel.NO_ACK, reliable(3 + IncomingChannel.RING, "far"), "beyond the ring");
        assertEquals(List.of("a", "b", "c"), delivered);
    }

    @Test
    void sequenceNumbersWrapAround() {
        for (int i = 1; i <= 65535; i++) {
            ch.reliable(i, new byte[0], 0, 0, (c, d, o, l) -> { });
        }
        assertEquals(IncomingChannel.ACK, reliable(1, "after wrap"), "seq 0 not yet in");
        assertEquals(IncomingChannel.ACK, reliable(0, "zero"));
        assertEquals(List.of("zero", "after wrap"), delivered);
        assertEquals(IncomingChannel.DUPLICATE, reliable(65535, "old"));
    }

    @Test
    void anUnreliablePacketThatOvertookItsReliablePredecessorIsHeldThenDelivered() {
        byte[] u = b("u1");
        assertTrue(ch.unreliable(1, 1, u, 0, 2, sink), "held");
        assertTrue(ch.unreliable(1, 2, b("u2"), 0, 2, sink), "held");
        assertTrue(ch.unreliable(2, 1, b("v1"), 0, 2, sink), "held behind the next one");
        assertEquals(List.of(), delivered);
        reliable(1, "r1");
        assertEquals(List.of("r1", "u1", "u2"), delivered);
        reliable(2, "r2");
        assertEquals(List.of("r1", "u1", "u2", "r2", "v1"), delivered);
        assertFalse(ch.unreliable(2, 1, b("v1"), 0, 2, sink), "duplicate unreliable");
        assertFalse(ch.unreliable(1, 3, b("u3"), 0, 2, sink), "follows a reliable packet already passed");
        assertTrue(ch.unreliable(2, 2, b("v2"), 0, 2, sink));
        assertEquals("v2", delivered.getLast());
        assertEquals(0, ch.takeDiscarded());
    }

    @Test
    void heldUnreliablePacketsThatTurnStaleAreDiscardedAndCounted() {
        ch.unreliable(1, 5, b("late"), 0, 4, sink);
        reliable(1, "r1");
        assertTrue(ch.unreliable(1, 4, b("older"), 0, 5, sink) == false, "older than the one delivered");
        assertEquals(List.of("r1", "late"), delivered);
        for (int i = 0; i < IncomingChannel.EARLY; i++) {
            assertTrue(ch.unreliable(5, i + 1, b("h"), 0, 1, sink));
        }
        assertFalse(ch.unreliable(5, 99, b("h"), 0, 1, sink), "holding is bounded");
        reliable(3, "r3");
        reliable(2, "r2");
        assertEquals(0, ch.takeDiscarded(), "still waiting for reliable 5");
    }

    private int fragment(int seq, int start, int count, int number, int total, int offset, String s) {
        byte[] d = b(s);
        return ch.fragment(seq, start, count, number, total, offset, d, 0, d.length, sink);
    }

    @Test
    void fragmentsAreReassembledWhenAllAreInAndTheirTurnCame() {
        assertEquals(IncomingChannel.ACK, fragment(4, 2, 3, 2, 9, 6, "ghi"));
        assertEquals(IncomingChannel.ACK, fragment(2, 2, 3, 0, 9, 0, "abc"));
        assertEquals(IncomingChannel.ACK, reliable(5, "after"));
        assertEquals(IncomingChannel.ACK, reliable(1, "before"));
        assertEquals(List.of("before"), delivered);
        assertEquals(IncomingChannel.ACK, fragment(3, 2, 3, 1, 9, 3, "def"));
        assertEquals(List.of("before", "abcdefghi", "after"), delivered);
        assertEquals(IncomingChannel.DUPLICATE, fragment(3, 2, 3, 1, 9, 3, "def"));
    }

    @Test
    void inconsistentFragmentsAreAProtocolViolation() {
        assertEquals(IncomingChannel.VIOLATION, fragment(1, 1, 2, 2, 10, 0, "abc"), "number beyond count");
        assertEquals(IncomingChannel.VIOLATION, fragment(1, 1, 2, 0, 2000, 0, "abc"), "longer than the packet limit");
        assertEquals(IncomingChannel.VIOLATION, fragment(1, 1, 2, 0, 4, 2, "abc"), "runs past the total");
        assertEquals(IncomingChannel.VIOLATION, fragment(2, 1, 2, 0, 6, 0, "abc"), "seq is not start + number");
        assertEquals(IncomingChannel.ACK, fragment(1, 1, 2, 0, 6, 0, "abc"));
        assertEquals(IncomingChannel.VIOLATION, fragment(2, 1, 2, 1, 6, 4, "de"), "offsets not contiguous");
        assertTrue(ch.violation().contains("offset"), ch.violation());
    }
}
