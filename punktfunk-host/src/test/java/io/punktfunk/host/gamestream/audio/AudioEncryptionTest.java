package io.punktfunk.host.gamestream.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AudioEncryptionTest {

    @Test
    void matchesJcaCbcWithTheSequenceIvForEveryLengthAndANegativeRikeyId() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        byte[] key = new byte[16];
        random.nextBytes(key);
        int rikeyId = -933014792;
        AudioEncryption enc = new AudioEncryption(key, rikeyId);
        Cipher jca = Cipher.getInstance("AES/CBC/PKCS5Padding");
        for (int len = 0; len <= 70; len++) {
            for (int seq : new int[] {0, 1, 65535, 123}) {
                byte[] plain = new byte[len];
                random.nextBytes(plain);
                byte[] out = new byte[AudioEncryption.sealedLength(len) + 4];
                int n = enc.seal(plain, 0, len, seq, out, 2);
                byte[] iv = ByteBuffer.allocate(16).putInt(rikeyId + seq).array();
                jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                byte[] expected = jca.doFinal(plain);
                assertThat(n).isEqualTo(expected.length);
                assertThat(Arrays.copyOfRange(out, 2, 2 + n)).as("len %d seq %d", len, seq).isEqualTo(expected);
            }
        }
        assertThat(AudioEncryption.sealedLength(60)).isEqualTo(64);
        assertThat(AudioEncryption.sealedLength(64)).isEqualTo(80);
    }
}
