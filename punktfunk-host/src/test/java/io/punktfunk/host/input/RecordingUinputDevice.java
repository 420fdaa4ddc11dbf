package io.punktfunk.host.input;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The test side of the {@link UinputDevice} seam: no kernel behind it. It records every call as one
 * line of a transcript ({@code ioctl <request hex> <int | arg bytes hex>}, {@code write <bytes hex>},
 * {@code close}) and replays the kernel's half of the force-feedback protocol: byte chunks queued with
 * {@link #queueRead} come back from {@link #read}, and each {@code _IOWR} ioctl copies the next queued
 * reply into its argument, as the kernel fills {@code uinput_ff_upload} / {@code uinput_ff_erase}.
 */
final class RecordingUinputDevice implements UinputDevice {
    private static final HexFormat HEX = HexFormat.of();
    final List<String> transcript = new ArrayList<>();
    private final ArrayDeque<byte[]> reads = new ArrayDeque<>();
    private final ArrayDeque<byte[]> ioctlReplies = new ArrayDeque<>();
    boolean closed;

    /** What the next read returns (whole input_events). */
    synchronized void queueRead(byte[] bytes) {
        reads.add(bytes);
    }

    /** What the kernel writes into the argument of the next UI_BEGIN_FF_UPLOAD / UI_BEGIN_FF_ERASE. */
    synchronized void queueIoctlReply(byte[] bytes) {
        ioctlReplies.add(bytes);
    }

    @Override
    public synchronized void ioctl(long request, int value) {
        transcript.add(String.format("ioctl %08x %d", request, value));
    }

    @Override
    public synchronized void ioctl(long request, MemorySegment arg) {
        transcript.add(String.format("ioctl %08x %s", request, HEX.formatHex(arg.toArray(ValueLayout.JAVA_BYTE))));
        if ((request >>> 30) == 3) { // _IOWR: the kernel answers in the argument
            byte[] reply = ioctlReplies.poll();
            if (reply == null) {
                throw new IllegalStateException(String.format("ioctl %08x: no kernel reply queued", request));
            }
            MemorySegment.copy(reply, 0, arg, ValueLayout.JAVA_BYTE, 0, reply.length);
        }
    }

    @Override
    public synchronized void write(MemorySegment buf, long length) {
        transcript.add("write " + HEX.formatHex(buf.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE)));
    }

    @Override
    public synchronized int read(MemorySegment buf) {
        byte[] next = reads.poll();
        if (next == null) {
            return 0;
        }
        MemorySegment.copy(next, 0, buf, ValueLayout.JAVA_BYTE, 0, next.length);
        return next.length;
    }

    @Override
    public synchronized boolean awaitReadable(int timeoutMs) {
        return !reads.isEmpty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        transcript.add("close");
    }

    /** Transcript lines that start with {@code prefix}. */
    synchronized List<String> lines(String prefix) {
        return transcript.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** A copy of the transcript so far. */
    synchronized List<String> snapshot() {
        return List.copyOf(transcript);
    }
}
