package io.punktfunk.embed;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * An app's C callback {@code void (*)(const T *, void *user)}, called through FFM. The struct
 * pointer is valid only during the call (the C header says so); the user pointer is passed back
 * untouched.
 */
record NativeCallback(MemorySegment function, MemorySegment user) {
    private static final MethodHandle CALL = Linker.nativeLinker().downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));

    /** Null when {@code function} is 0 (the app removed its callback). */
    static NativeCallback of(long function, long user) {
        return function == 0 ? null : new NativeCallback(MemorySegment.ofAddress(function), MemorySegment.ofAddress(user));
    }

    void call(MemorySegment struct) {
        try {
            CALL.invokeExact(function, struct, user);
        } catch (Throwable t) {
            throw new IllegalStateException("native callback failed", t); // FFM cannot throw from C; a bug here
        }
    }
}
