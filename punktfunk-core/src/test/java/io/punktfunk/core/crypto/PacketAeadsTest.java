package io.punktfunk.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PacketAeadsTest {

    /** The build runs tests with the add-opens flag (root pom's punktfunk.jvm.flags); losing it must fail here. */
    @Test
    void theZeroAllocationEngineIsActiveInThisJvm() {
        assertThat(PacketAeads.fallbackReason()).isNull();
        assertThat(PacketAeads.fastPathActive()).isTrue();
        assertThat(PacketAeads.create(new byte[16])).isInstanceOf(JdkGhashAesGcm.class);
        assertThat(JdkGhash.UNAVAILABLE).isNull();
    }

    @Test
    void theJcaFallbackAndTheFastEngineInteroperate() {
        SplittableRandom rnd = new SplittableRandom(77);
        byte[] key = AesGcmCrossCheckTest.bytes(rnd, 16);
        PacketAead fast = new JdkGhashAesGcm(key);
        PacketAead jca = new JcaAesGcm(key);
        for (int i = 0; i < 20; i++) {
            int textLen = rnd.nextInt(2000);
            byte[] nonce = AesGcmCrossCheckTest.bytes(rnd, 12);
            byte[] buf = AesGcmCrossCheckTest.bytes(rnd, 44 + textLen + 16);
            byte[] plain = buf.clone();
            PacketAead sealer = i % 2 == 0 ? fast : jca;
            PacketAead opener = i % 2 == 0 ? jca : fast;
            sealer.seal(nonce, buf, 0, 44, 44, textLen);
            assertThat(opener.open(nonce, buf, 0, 44, 44, textLen + 16)).isTrue();
            assertThat(Arrays.copyOf(buf, 44 + textLen)).isEqualTo(Arrays.copyOf(plain, 44 + textLen));
        }
    }

    static Stream<Arguments> engines() {
        return Stream.of(Arguments.of("JdkGhashAesGcm", (Function<byte[], PacketAead>) JdkGhashAesGcm::new),
                Arguments.of("JcaAesGcm", (Function<byte[], PacketAead>) JcaAesGcm::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void shortOrOutOfBoundsInputIsRefusedNotThrown(String engine, Function<byte[], PacketAead> factory) {
        PacketAead aead = factory.apply(new byte[16]);
        byte[] nonce = new byte[12];
        byte[] buf = AesGcmCrossCheckTest.bytes(new SplittableRandom(5), 200);
        byte[] copy = buf.clone();
        int[][] bad = {
            {0, 44, 44, 15}, {0, 44, 44, 0}, {0, 44, 44, -1}, {0, 44, 44, 157}, {0, 44, 190, 16},
            {-1, 44, 44, 100}, {0, -1, 44, 100}, {0, 201, 44, 100}, {0, 44, -5, 100}, {190, 44, 44, 100},
            {0, 44, Integer.MAX_VALUE, 16}, {0, 44, 44, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 10, 44, 16},
        };
        for (int[] b : bad) {
            assertThat(aead.open(nonce, buf, b[0], b[1], b[2], b[3])).as(Arrays.toString(b)).isFalse();
            assertThat(buf).isEqualTo(copy);
        }
    }
}
