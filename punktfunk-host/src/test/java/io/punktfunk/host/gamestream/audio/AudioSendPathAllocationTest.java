package io.punktfunk.host.gamestream.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Encrypt + header + parity for audio packets: nothing allocated per packet once warm. */
class AudioSendPathAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aWarmAudioPathAllocatesNothingPerPacket() {
        AudioEncryption encryption = new AudioEncryption(new byte[16], 77);
        byte[] opus = new byte[60];
        byte[][] block = new byte[4][80];
        int[] lengths = new int[4];
        byte[] header = new byte[AudioPacketHeader.FEC_PAYLOAD_OFFSET];
        byte[] parity = new byte[80];
        for (int seq = 0; seq < 20_000; seq++) {
            packet(encryption, opus, block, lengths, header, parity, seq);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int seq = 0; seq < 10_000; seq++) {
            packet(encryption, opus, block, lengths, header, parity, seq);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated over 10 000 packets").isLessThan(1024);
    }

    private static void packet(AudioEncryption encryption, byte[] opus, byte[][] block, int[] lengths, byte[] header,
                               byte[] parity, int seq) {
        opus[0] = (byte) seq;
        int slot = seq % 4;
        lengths[slot] = encryption.seal(opus, 0, opus.length, seq, block[slot], 0);
        AudioPacketHeader.writeData(header, seq, seq * 5);
        if (slot == 3) {
            for (int row = 0; row < 2; row++) {
                AudioFecEncoder.encode(row, block, lengths, 0, 64, parity, 0);
                AudioPacketHeader.writeFec(header, seq + 1 + row, row, seq - 3, 0);
            }
        }
    }
}
