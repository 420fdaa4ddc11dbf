package io.punktfunk.core.frame;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.FecScheme;

/** Whether the real Reed-Solomon coder of a scheme is merged yet (they are written concurrently). */
final class RealCoders {
    private RealCoders() {
    }

    static boolean available(FecScheme scheme) {
        ErasureCoder coder = ErasureCoders.create(scheme);
        byte[][] data = {new byte[64], new byte[64]};
        byte[][] parity = {new byte[64], new byte[64]};
        try {
            coder.encode(data, 2, parity, 2, 64);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
