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
        // Until C2 has compiled the cipher and the parity loop (later on a loaded box), interpreted code may
        // allocate: run windows until one is clean, bounded at a minute. A per-packet allocation never is.
        long cleanest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int seq = 0; cleanest >= 1024 && System.nanoTime() - deadline < 0; ) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int end = seq + 10_000; seq < end; seq++) {
                packet(encryption, opus, block, lengths, header, parity, seq);
            }
            cleanest = Math.min(cleanest, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        assertThat(cleanest).as("bytes allocated over 10 000 packets in the cleanest window").isLessThan(1024);
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
