package io.punktfunk.core.fec.gf16;

import jdk.incubator.vector.ByteVector;

/**
 * Picks the GF(2^16) kernels once per JVM: {@link Gf16Kernels} where the JVM has 256-bit byte
 * vectors (AVX2, AVX-512), else {@link Gf16ScalarKernels}, since the 256-bit kernels on a 128-bit
 * JVM (ARM NEON, x86 AVX or SSE, {@code -XX:MaxVectorSize=16}) run boxed. {@link #VECTOR} is
 * {@code static final}, so C2 folds each branch away and the vector path costs nothing extra.
 * Override with {@code -Dpunktfunk.fec.gf16Kernels=vector|scalar} (tests; forcing vector on a
 * 128-bit JVM is allowed, just slow).
 */
final class Gf16KernelDispatch {
    static final boolean VECTOR = switch (System.getProperty("punktfunk.fec.gf16Kernels", "auto")) {
        case "vector" -> true;
        case "scalar" -> false;
        case "auto" -> ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
        default -> throw new IllegalArgumentException(
                "punktfunk.fec.gf16Kernels must be vector, scalar or auto: "
                        + System.getProperty("punktfunk.fec.gf16Kernels"));
    };

    private Gf16KernelDispatch() {
    }

    static void xor(byte[] dst, int dOff, byte[] src, int sOff, int len) {
        if (VECTOR) {
            Gf16Kernels.xor(dst, dOff, src, sOff, len);
        } else {
            Gf16ScalarKernels.xor(dst, dOff, src, sOff, len);
        }
    }

    static void xorSum(byte[] b, int dst, int[] src, int count, int len) {
        if (VECTOR) {
            Gf16Kernels.xorSum(b, dst, src, count, len);
        } else {
            Gf16ScalarKernels.xorSum(b, dst, src, count, len);
        }
    }

    static void mul(byte[] dst, int dOff, byte[] src, int sOff, int len, int logM) {
        if (VECTOR) {
            Gf16Kernels.mul(dst, dOff, src, sOff, len, logM);
        } else {
            Gf16ScalarKernels.mul(dst, dOff, src, sOff, len, logM);
        }
    }

    static void ifft2(byte[] b, int xOff, int yOff, int len, int logM) {
        if (VECTOR) {
            Gf16Kernels.ifft2(b, xOff, yOff, len, logM);
        } else {
            Gf16ScalarKernels.ifft2(b, xOff, yOff, len, logM);
        }
    }

    static void fft2(byte[] b, int xOff, int yOff, int len, int logM) {
        if (VECTOR) {
            Gf16Kernels.fft2(b, xOff, yOff, len, logM);
        } else {
            Gf16ScalarKernels.fft2(b, xOff, yOff, len, logM);
        }
    }

    static void ifft2Acc(byte[] b, int xOff, int yOff, int len, int logM, int acc) {
        if (VECTOR) {
            Gf16Kernels.ifft2Acc(b, xOff, yOff, len, logM, acc);
        } else {
            Gf16ScalarKernels.ifft2Acc(b, xOff, yOff, len, logM, acc);
        }
    }
}
