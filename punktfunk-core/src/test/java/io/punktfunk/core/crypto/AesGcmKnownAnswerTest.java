package io.punktfunk.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AES-128 test cases with 96-bit IVs from McGrew and Viega, "The Galois/Counter Mode of
 * Operation (GCM)" (the NIST submission, test cases 1 to 4), through both {@link PacketAead}s.
 */
class AesGcmKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String K34 = "feffe9928665731c6d6a8f9467308308";
    private static final String IV34 = "cafebabefacedbaddecaf888";
    private static final String P3 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String C3 = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985";

    record Case(String name, String key, String iv, String aad, String plain, String cipher, String tag) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Case[] CASES = {
        new Case("test case 1", "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
                "58e2fccefa7e3061367f1d57a4e7455a"),
        new Case("test case 2", "00000000000000000000000000000000", "000000000000000000000000", "",
                "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78",
                "ab6e47d42cec13bdf53a67b21257bddf"),
        new Case("test case 3", K34, IV34, "", P3, C3, "4d5c2af327cd64a62cf35abd2ba6fab4"),
        new Case("test case 4", K34, IV34, "feedfacedeadbeeffeedfacedeadbeefabaddad2", P3.substring(0, 120),
                C3.substring(0, 120), "5bc94fbc3221a5db94fae95ae7121a47"),
    };

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (Case c : CASES) {
            out.add(Arguments.of("JdkGhashAesGcm", (Function<byte[], PacketAead>) JdkGhashAesGcm::new, c));
            out.add(Arguments.of("JcaAesGcm", (Function<byte[], PacketAead>) JcaAesGcm::new, c));
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void sealsAndOpensTheSpecVectors(String engine, Function<byte[], PacketAead> factory, Case c) {
        byte[] aad = HEX.parseHex(c.aad());
        byte[] plain = HEX.parseHex(c.plain());
        byte[] expected = HEX.parseHex(c.cipher() + c.tag());
        byte[] iv = HEX.parseHex(c.iv());
        // 7 bytes in front and behind: the engine must touch only the text and tag.
        int aadOff = 7;
        int textOff = aadOff + aad.length;
        byte[] buf = new byte[textOff + expected.length + 7];
        Arrays.fill(buf, (byte) 0x5A);
        System.arraycopy(aad, 0, buf, aadOff, aad.length);
        System.arraycopy(plain, 0, buf, textOff, plain.length);
        byte[] before = buf.clone();

        PacketAead aead = factory.apply(HEX.parseHex(c.key()));
        aead.seal(iv, buf, aadOff, aad.length, textOff, plain.length);
        assertThat(HEX.formatHex(buf, textOff, textOff + expected.length)).isEqualTo(HEX.formatHex(expected));
        assertThat(Arrays.copyOf(buf, textOff)).isEqualTo(Arrays.copyOf(before, textOff));
        assertThat(Arrays.copyOfRange(buf, textOff + expected.length, buf.length))
                .isEqualTo(Arrays.copyOfRange(before, textOff + expected.length, buf.length));

        assertThat(aead.open(iv, buf, aadOff, aad.length, textOff, expected.length)).isTrue();
        assertThat(Arrays.copyOfRange(buf, textOff, textOff + plain.length)).isEqualTo(plain);
        assertThat(Arrays.copyOfRange(buf, textOff + plain.length, textOff + expected.length))
                .as("tag bytes left as they were").isEqualTo(HEX.parseHex(c.tag()));
    }
}
