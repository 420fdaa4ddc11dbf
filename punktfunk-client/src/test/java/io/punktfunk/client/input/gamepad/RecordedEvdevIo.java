package io.punktfunk.client.input.gamepad;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test seam beside {@link LibcEvdevIo}: devices described by their capability bits and axis ranges, whose
 * reads replay recorded {@code struct input_event} byte streams, and a log of every ioctl and write with
 * its exact bytes.
 */
public final class RecordedEvdevIo implements EvdevIo {

    /** One fake {@code /dev/input/eventN}. */
    public static final class Device {
        final String name;
        final Set<Integer> keys = new HashSet<>();
        final Map<Integer, int[]> abs = new HashMap<>(); // code -> {min, max, value}
        final Set<Integer> keysDown = new HashSet<>();
        boolean rumble;
        boolean unplugged;
        /** open() fails with EACCES while true (udev has not set the permissions yet). */
        public boolean denied;
        final ArrayDeque<byte[]> reads = new ArrayDeque<>();
        int nextEffectId = 3;

        public Device(String name) {
            this.name = name;
        }

        public Device keys(int... codes) {
            for (int c : codes) {
                keys.add(c);
            }
            return this;
        }

        public Device axis(int code, int min, int max) {
            abs.put(code, new int[] {min, max, 0});
            return this;
        }

        public Device rumble() {
            rumble = true;
            return this;
        }

        /** Queues one read() result: recorded input_event bytes. */
        public Device replay(byte[] events) {
            reads.add(events);
            return this;
        }
    }

    /** An ioctl or write as the kernel would have seen it. */
    public record Call(String what, int fd, long request, byte[] bytes) {
    }

    final Map<String, Device> devices = new LinkedHashMap<>();
    public final List<Call> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<Integer, Device> open = new HashMap<>();
    private final Set<Integer> closed = new HashSet<>();
    private int nextFd = 10;

    public Device add(String path, Device d) {
        devices.put(path, d);
        nodesChanged = true;
        return d;
    }

    /** The node disappears (what unplugging does to /dev/input). */
    void removeNode(String path) {
        devices.remove(path);
        nodesChanged = true;
    }

    /** Like inotify: set when nodes come or go, until drained. Null watch when {@link #watching} is off. */
    boolean watching = true;
    private boolean nodesChanged;
    private static final int WATCH_FD = 99;

    @Override
    public int watchDevices() {
        return watching ? WATCH_FD : -1;
    }

    @Override
    public void drainWatch(int fd) {
        nodesChanged = false;
    }

    boolean isClosed(int fd) {
        return closed.contains(fd);
    }

    int fdOf(String path) {
        return open.entrySet().stream().filter(e -> e.getValue() == devices.get(path) && !closed.contains(e.getKey()))
                .mapToInt(Map.Entry::getKey).findFirst().orElse(-1);
    }

    @Override
    public List<String> devices() {
        return new ArrayList<>(devices.keySet());
    }

    @Override
    public int open(String path) {
        Device d = devices.get(path);
        if (d == null) {
            return -2;
        }
        if (d.denied) {
            return -13;
        }
        open.put(nextFd, d);
        return nextFd++;
    }

    @Override
    public int ioctl(int fd, long request, MemorySegment arg) {
        Device d = open.get(fd);
        if (d == null || closed.contains(fd)) {
            return -9;
        }
        int nr = (int) (request & 0xFF);
        int size = (int) ((request >>> 16) & 0x3FFF);
        if (request == Evdev.EVIOCSFF) {
            calls.add(new Call("EVIOCSFF", fd, request, arg.toArray(ValueLayout.JAVA_BYTE)));
            if (!d.rumble) {
                return -22;
            }
            if (Evdev.effectId(arg) == -1) {
                arg.set(ValueLayout.JAVA_SHORT_UNALIGNED, Evdev.FF_ID_OFFSET, (short) d.nextEffectId++);
            }
            return 0;
        }
        if (nr == 0x06) { // EVIOCGNAME
            byte[] n = (d.name + "\0").getBytes();
            MemorySegment.copy(MemorySegment.ofArray(n), 0, arg, 0, Math.min(n.length, size));
            return n.length;
        }
        if (nr == 0x18) { // EVIOCGKEY
            arg.fill((byte) 0);
            d.keysDown.forEach(k -> setBit(arg, k));
            return size;
        }
        if (nr >= 0x20 && nr < 0x40) { // EVIOCGBIT(ev)
            arg.fill((byte) 0);
            switch (nr - 0x20) {
                case Evdev.EV_KEY -> d.keys.forEach(k -> setBit(arg, k));
                case Evdev.EV_ABS -> d.abs.keySet().forEach(a -> setBit(arg, a));
                case Evdev.EV_FF -> {
                    if (d.rumble) {
                        setBit(arg, Evdev.FF_RUMBLE);
                    }
                }
                default -> { }
            }
            return size;
        }
        if (nr >= 0x40 && nr < 0x80) { // EVIOCGABS(a)
            int[] r = d.abs.get(nr - 0x40);
            if (r == null) {
                return -22;
            }
            arg.fill((byte) 0);
            arg.set(ValueLayout.JAVA_INT_UNALIGNED, 0, r[2]);
            arg.set(ValueLayout.JAVA_INT_UNALIGNED, 4, r[0]);
            arg.set(ValueLayout.JAVA_INT_UNALIGNED, 8, r[1]);
            return 0;
        }
        return -25; // ENOTTY
    }

    private static void setBit(MemorySegment bits, int bit) {
        long at = bit >>> 3;
        if (at < bits.byteSize()) {
            bits.set(ValueLayout.JAVA_BYTE, at, (byte) (bits.get(ValueLayout.JAVA_BYTE, at) | (1 << (bit & 7))));
        }
    }

    @Override
    public int read(int fd, MemorySegment buf) {
        Device d = open.get(fd);
        if (d == null || closed.contains(fd)) {
            return -9;
        }
        if (d.unplugged) {
            return -ENODEV;
        }
        byte[] next = d.reads.poll();
        if (next == null) {
            return -EAGAIN;
        }
        MemorySegment.copy(MemorySegment.ofArray(next), 0, buf, 0, next.length);
        return next.length;
    }

    @Override
    public int write(int fd, MemorySegment buf) {
        calls.add(new Call("write", fd, 0, buf.toArray(ValueLayout.JAVA_BYTE)));
        return closed.contains(fd) ? -9 : (int) buf.byteSize();
    }

    @Override
    public int poll(int[] fds, int count, boolean[] ready, int timeoutMs) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (fds[i] == WATCH_FD) {
                ready[i] = nodesChanged;
                n += ready[i] ? 1 : 0;
                continue;
            }
            Device d = open.get(fds[i]);
            ready[i] = d != null && (d.unplugged || !d.reads.isEmpty());
            n += ready[i] ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close(int fd) {
        closed.add(fd);
    }

    /** Builds recorded input_event bytes: 24 bytes each, little-endian, with a running timestamp. */
    public static final class Stream {
        public Stream() {
        }

        private final ByteBuffer buf = ByteBuffer.allocate(24 * 64).order(ByteOrder.LITTLE_ENDIAN);
        private long usec = 1_733_580_000_000_000L;

        public Stream event(int type, int code, int value) {
            usec += 997;
            buf.putLong(usec / 1_000_000).putLong(usec % 1_000_000).putShort((short) type).putShort((short) code)
                    .putInt(value);
            return this;
        }

        public Stream key(int code, boolean down) {
            return event(Evdev.EV_KEY, code, down ? 1 : 0);
        }

        public Stream abs(int code, int value) {
            return event(Evdev.EV_ABS, code, value);
        }

        public Stream syn() {
            return event(Evdev.EV_SYN, Evdev.SYN_REPORT, 0);
        }

        public byte[] bytes() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }
}
