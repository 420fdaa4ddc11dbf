package io.punktfunk.host.gamestream.client.audio;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns received GameStream audio datagrams into Opus packets by RTP sequence (gamestream.md §7):
 * data packets (PT 97) by {@code seq}, parity packets (PT 127) by their FEC header's block base
 * sequence and shard index; a block missing up to 2 of its 4 payloads is rebuilt from parity
 * (over the encrypted payloads), then every payload is decrypted with AES-128-CBC, IV =
 * BE32(rikeyid + seq) ‖ 12 zero bytes, PKCS#7. Data sequence numbers start at 0 and blocks at
 * multiples of 4.
 */
final class AudioDepacketizer {
    final TreeMap<Integer, byte[]> opus = new TreeMap<>();
    final TreeMap<Integer, Integer> timestamps = new TreeMap<>();
    long malformed;
    long rebuilt;
    long unrecoverableBlocks;
    long decryptFailures;
    long parityPackets;
    long headerErrors;

    private final TreeMap<Integer, byte[][]> dataByBlock = new TreeMap<>();
    private final TreeMap<Integer, byte[][]> parityByBlock = new TreeMap<>();

    void process(Iterable<byte[]> datagrams, byte[] key, int rikeyId) {
        for (byte[] d : datagrams) {
            if (d.length < 12 || (d[0] & 0xFF) != 0x80) {
                malformed++;
                continue;
            }
            ByteBuffer bb = ByteBuffer.wrap(d);
            int pt = d[1] & 0x7F;
            int seq = bb.getShort(2) & 0xFFFF;
            if (pt == 97) {
                byte[] payload = java.util.Arrays.copyOfRange(d, 12, d.length);
                dataByBlock.computeIfAbsent(seq - seq % 4, x -> new byte[4][])[seq % 4] = payload;
                timestamps.put(seq, bb.getInt(4));
            } else if (pt == 127 && d.length > 24) {
                int shard = d[12] & 0xFF;
                int base = bb.getShort(14) & 0xFFFF;
                if (shard > 1 || base % 4 != 0 || (d[13] & 0xFF) != 97 || seq != base + 4 + shard
                        || bb.getInt(4) != 0 || bb.getInt(8) != 0 || bb.getInt(20) != 0) {
                    headerErrors++;
                }
                parityByBlock.computeIfAbsent(base, x -> new byte[2][])[shard & 1] =
                        java.util.Arrays.copyOfRange(d, 24, d.length);
                parityPackets++;
            } else {
                malformed++;
            }
        }
        for (Map.Entry<Integer, byte[][]> e : dataByBlock.entrySet()) {
            byte[][] data = e.getValue();
            byte[][] parity = parityByBlock.getOrDefault(e.getKey(), new byte[2][]);
            int length = parity[0] != null ? parity[0].length : parity[1] != null ? parity[1].length : 0;
            int r = AudioFecBlockDecoder.recover(data, parity, length);
            if (r < 0) {
                if (!e.getKey().equals(dataByBlock.lastKey())) {
                    unrecoverableBlocks++; // the last block's parity may simply not have been sent yet
                }
            } else {
                rebuilt += r;
            }
            for (int i = 0; i < 4; i++) {
                if (data[i] == null) {
                    continue;
                }
                int seq = e.getKey() + i;
                byte[] plain = key == null ? data[i] : decrypt(data[i], key, rikeyId + seq);
                if (plain == null) {
                    decryptFailures++;
                } else {
                    opus.put(seq, plain);
                }
            }
        }
    }

    private static byte[] decrypt(byte[] payload, byte[] key, int ivWord) {
        try {
            Cipher cbc = Cipher.getInstance("AES/CBC/PKCS5Padding");
            byte[] iv = ByteBuffer.allocate(16).putInt(ivWord).array();
            cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cbc.doFinal(payload);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
