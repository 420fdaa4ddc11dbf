package io.punktfunk.host.input;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One uinput device being declared, then fed: capability ioctls, {@code UI_DEV_SETUP},
 * {@code UI_ABS_SETUP} per axis, {@code UI_DEV_CREATE}; afterwards events are collected in a reused
 * native buffer and written with their {@code SYN_REPORT} in one {@code write}. Used by one thread at a time.
 */
final class VirtualDevice {
    /** Events one report may hold before it is written early. */
    private static final int MAX_EVENTS = 32;

    final UinputDevice device;
    private final MemorySegment events;
    private final MemorySegment scratch;
    private int pending;
    private boolean created;

    VirtualDevice(UinputDevice device) {
        this.device = device;
        Arena arena = Arena.ofAuto();
        this.events = arena.allocate((long) MAX_EVENTS * EvdevStructs.INPUT_EVENT_BYTES, 8);
        this.scratch = arena.allocate(EvdevStructs.SETUP_BYTES, 8);
    }

    VirtualDevice enable(long setBitRequest, int... codes) {
        for (int c : codes) {
            device.ioctl(setBitRequest, c);
        }
        return this;
    }

    VirtualDevice abs(int code, int min, int max, int fuzz, int flat) {
        EvdevStructs.writeAbsSetup(scratch, 0, code, min, max, fuzz, flat);
        device.ioctl(Evdev.UI_ABS_SETUP, scratch.asSlice(0, EvdevStructs.ABS_SETUP_BYTES));
        return this;
    }

    /** {@code UI_DEV_SETUP} then {@code UI_DEV_CREATE}: the device appears in /dev/input. */
    void create(int bus, int vendor, int product, int version, String name, int ffEffectsMax) {
        EvdevStructs.writeSetup(scratch, 0, bus, vendor, product, version, name, ffEffectsMax);
        device.ioctl(Evdev.UI_DEV_SETUP, scratch.asSlice(0, EvdevStructs.SETUP_BYTES));
        device.ioctl(Evdev.UI_DEV_CREATE, 0);
        created = true;
    }

    /** Adds one event to the pending report. */
    void emit(int type, int code, int value) {
        if (pending == MAX_EVENTS - 1) {
            syn();
        }
        EvdevStructs.writeEvent(events, (long) pending * EvdevStructs.INPUT_EVENT_BYTES, type, code, value);
        pending++;
    }

    /** Ends the report with {@code SYN_REPORT} and writes it (nothing if no event is pending). */
    void syn() {
        if (pending == 0) {
            return;
        }
        EvdevStructs.writeEvent(events, (long) pending * EvdevStructs.INPUT_EVENT_BYTES, Evdev.EV_SYN, Evdev.SYN_REPORT, 0);
        pending++;
        device.write(events, (long) pending * EvdevStructs.INPUT_EVENT_BYTES);
        pending = 0;
    }

    /** {@code UI_DEV_DESTROY} and close; never throws (the device may already be gone). */
    void destroy() {
        try {
            if (created) {
                device.ioctl(Evdev.UI_DEV_DESTROY, 0);
            }
        } catch (RuntimeException e) {
            // closing the file destroys the device as well
        } finally {
            created = false;
            device.close();
        }
    }
}
