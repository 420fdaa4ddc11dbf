package io.punktfunk.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both {@link PacketAead}s against the JDK's {@code AES/GCM/NoPadding} for random keys, nonces,
 * AAD (0..100 bytes) and text lengths (every length 0..80, some block-stride edges, then random up
 * to 3000): seal must give the same bytes, open must accept
 * the JDK's output and refuse any single flipped bit in AAD, ciphertext or tag without changing
 * the buffer.
 */
class AesGcmCrossCheckTest {
    /** Every bit is flipped for texts up to this length; beyond it a random sample per region. */
    private static final int EXHAUSTIVE_FLIPS_UP_TO = 80;
    private static final int SAMPLED_FLIPS_PER_REGION = 24;

    static Stream<Arguments> enginesAndSeeds() {
        return Stream.of(1L, 2L, 3L, 20260101L).flatMap(seed -> Stream.of(
                Arguments.of("JdkGhashAesGcm", (Function<byte[], PacketAead>) JdkGhashAesGcm::new, seed),
                Arguments.of("JcaAesGcm", (Function<byte[], PacketAead>) JcaAesGcm::new, seed)));
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("enginesAndSeeds")
    void matchesTheJdkCipher(String engine, Function<byte[], PacketAead> factory, long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        // Around the CTR intrinsic's 6- and 8-block strides, and the shard size.
        int[] edges = {95, 96, 97, 127, 128, 129, 255, 256, 257, 1407, 1408, 1409};
        int[] lengths = IntStream.concat(IntStream.concat(IntStream.rangeClosed(0, 80), IntStream.of(edges)),
                rnd.ints(40, 81, 3001)).toArray();
        byte[] key = null;
        PacketAead aead = null;
        for (int t = 0; t < lengths.length; t++) {
            if (t % 4 == 0) { // a new key now and then; in between one engine serves many nonces, as in a session
                key = bytes(rnd, 16);
                aead = factory.apply(key);
            }
            checkOne(aead, key, rnd, lengths[t], seed, t);
        }
    }

    private static void checkOne(PacketAead aead, byte[] key, SplittableRandom rnd, int textLen, long seed, int t)
            throws Exception {
        String what = "seed " + seed + " case " + t + " text " + textLen;
        byte[] nonce = bytes(rnd, 12);
        byte[] aad = bytes(rnd, rnd.nextInt(101));
        byte[] plain = bytes(rnd, textLen);
        byte[] reference = jdkSeal(key, nonce, aad, plain);

        int aadOff = rnd.nextInt(5);
        int textOff = aadOff + aad.length + rnd.nextInt(5);
        int sealedLen = textLen + 16;
        byte[] buf = bytes(rnd, textOff + sealedLen + rnd.nextInt(5));
        System.arraycopy(aad, 0, buf, aadOff, aad.length);
        System.arraycopy(plain, 0, buf, textOff, textLen);
        byte[] before = buf.clone();

        aead.seal(nonce, buf, aadOff, aad.length, textOff, textLen);
        assertThat(Arrays.copyOfRange(buf, textOff, textOff + sealedLen)).as(what + ": sealed bytes").isEqualTo(reference);
        System.arraycopy(reference, 0, before, textOff, sealedLen);
        assertThat(buf).as(what + ": nothing outside text and tag written").isEqualTo(before);

        // Refusals: every bit (short texts) or a sample per region, each on a fresh copy of the sealed buffer.
        int[][] regions = {{aadOff, aad.length}, {textOff, textLen}, {textOff + textLen, 16}};
        for (int[] region : regions) {
            int bits = region[1] * 8;
            boolean all = textLen <= EXHAUSTIVE_FLIPS_UP_TO;
            for (int k = 0; k < (all ? bits : Math.min(bits, SAMPLED_FLIPS_PER_REGION)); k++) {
                int bit = all ? k : rnd.nextInt(bits);
                byte[] tampered = before.clone();
                tampered[region[0] + bit / 8] ^= (byte) (1 << (bit % 8));
                byte[] tamperedCopy = tampered.clone();
                assertThat(aead.open(nonce, tampered, aadOff, aad.length, textOff, sealedLen))
                        .as(what + ": flipped bit %d at byte %d", bit % 8, region[0] + bit / 8).isFalse();
                assertThat(tampered).as(what + ": refused open left the buffer as it was").isEqualTo(tamperedCopy);
            }
        }
        byte[] wrongNonce = nonce.clone();
        wrongNonce[rnd.nextInt(12)] ^= (byte) (1 << rnd.nextInt(8));
        assertThat(aead.open(wrongNonce, buf.clone(), aadOff, aad.length, textOff, sealedLen)).as(what + ": nonce").isFalse();

        assertThat(aead.open(nonce, buf, aadOff, aad.length, textOff, sealedLen)).as(what + ": open").isTrue();
        assertThat(Arrays.copyOfRange(buf, textOff, textOff + textLen)).as(what + ": opened text").isEqualTo(plain);
        assertThat(Arrays.copyOfRange(buf, textOff + textLen, textOff + sealedLen)).as(what + ": tag kept")
                .isEqualTo(Arrays.copyOfRange(reference, textLen, sealedLen));
    }

    static byte[] jdkSeal(byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(plain);
    }

    static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
