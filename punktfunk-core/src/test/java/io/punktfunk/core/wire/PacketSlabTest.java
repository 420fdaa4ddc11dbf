package io.punktfunk.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketSlabTest {

    @Test
    void slotsAreStrideApartAndStrideIsRoundedToEight() {
        PacketSlab b = new PacketSlab(1468, 4);
        assertThat(b.stride()).isEqualTo(1472);
        b.fillUniform(3, 1468);
        assertThat(b.count()).isEqualTo(3);
        assertThat(b.offset(2)).isEqualTo(2 * 1472);
        assertThat(b.length(1)).isEqualTo(1468);
    }

    @Test
    void growingKeepsContentsAndRefreshesTheSegment() {
        PacketSlab b = new PacketSlab(64, 1);
        b.fillUniform(1, 10);
        b.array()[b.offset(0) + 9] = 77;
        b.ensureCapacity(10);
        assertThat(b.array()[9]).isEqualTo((byte) 77);
        assertThat(b.segment().byteSize()).isEqualTo(b.array().length).isGreaterThanOrEqualTo(10L * 64);
        b.fillUniform(10, 64);
        assertThat(b.count()).isEqualTo(10);
        assertThat(b.length(9)).isEqualTo(64);
        b.clear();
        assertThat(b.count()).isZero();
    }

    @Test
    void refusesDatagramsThatDoNotFit() {
        PacketSlab b = new PacketSlab(64, 1);
        assertThatThrownBy(() -> b.fillUniform(1, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.fillUniform(2, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.fillUniform(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketSlab(59, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
