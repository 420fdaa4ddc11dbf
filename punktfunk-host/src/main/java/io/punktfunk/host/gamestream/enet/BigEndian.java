package io.punktfunk.host.gamestream.enet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian (network order) reads and writes of ENet fields in a byte array, unaligned. */
final class BigEndian {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (short) U16.get(b, off) & 0xFFFF;
    }

    /** A u32 field as a Java int (callers compare or mask it). */
    static int u32(byte[] b, int off) {
        return (int) U32.get(b, off);
    }

    static void putU8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    static void putU16(byte[] b, int off, int v) {
        U16.set(b, off, (short) v);
    }

    static void putU32(byte[] b, int off, int v) {
        U32.set(b, off, v);
    }
}
