package io.punktfunk.host.gamestream.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.transport.UdpTransport;
import io.punktfunk.host.gamestream.audio.AudioStreamStats;
import io.punktfunk.host.gamestream.audio.GameStreamAudioSettings;
import io.punktfunk.host.gamestream.audio.GameStreamAudioStream;
import io.punktfunk.host.stream.AudioKind;
import io.punktfunk.media.audio.OpusAudioDecoder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * The host's GameStream audio stream against the test client over real loopback UDP: tone or
 * silence → Opus 5 ms CBR → AES-CBC → RTP + 4+2 FEC → client losing packets on purpose → FEC
 * rebuild → decrypt → Opus decode.
 */
class GameStreamAudioEndToEndTest {
    private static final byte[] PING = "0F1E2D3C4B5A6978".getBytes(StandardCharsets.US_ASCII);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** A negative rikeyid, as a real client sent one (gamestream.md §10). */
    private static final int RIKEY_ID = -933014792;

    private record Run(AudioDepacketizer depacketizer, AudioStreamStats host, long dropped, String failure,
                       int garbage) {
    }

    private static Run stream(GameStreamAudioSettings settings, byte[] key, BiPredicate<Integer, Integer> drop,
                              int datagrams, boolean sendGarbage) throws Exception {
        UdpTransport socket = GameStreamAudioStream.bind(new InetSocketAddress(LOOPBACK, 0));
        AtomicReference<String> failure = new AtomicReference<>();
        GameStreamAudioStream host = GameStreamAudioStream.start(socket, settings.ping(PING, null), failure::set);
        InetSocketAddress hostAddress = new InetSocketAddress(LOOPBACK, host.port());
        int garbage = 0;
        if (sendGarbage) {
            try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                for (byte[] d : new byte[][] {new byte[20], "PING".getBytes(StandardCharsets.US_ASCII), new byte[3],
                        new byte[1400]}) {
                    attacker.send(new DatagramPacket(d, d.length, hostAddress));
                    garbage++;
                }
            }
        }
        GameStreamAudioClient client = new GameStreamAudioClient(hostAddress, PING, drop);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.received() < datagrams && System.nanoTime() < deadline && failure.get() == null) {
                Thread.sleep(20);
            }
        } finally {
            host.close();
            client.close();
        }
        AudioDepacketizer d = new AudioDepacketizer();
        d.process(client.kept(), key, RIKEY_ID);
        return new Run(d, host.stats(), client.dropped, failure.get(), garbage);
    }

    /** Decodes every packet in order; returns the PCM (left channel) and checks each is 5 ms. */
    private static short[] decodeAll(AudioDepacketizer d) {
        short[] pcm = new short[480];
        short[] left = new short[d.opus.size() * 240];
        int n = 0;
        try (OpusAudioDecoder decoder = OpusAudioDecoder.open()) {
            for (byte[] packet : d.opus.values()) {
                int samples = decoder.decode(packet, 0, packet.length, pcm);
                assertThat(samples).isEqualTo(240);
                for (int i = 0; i < samples; i++) {
                    left[n++] = pcm[2 * i];
                }
            }
            assertThat(decoder.errors()).isZero();
        }
        return left;
    }

    /** Goertzel power of {@code hz} over {@code pcm[from, to)} at 48 kHz. */
    private static double power(short[] pcm, int from, int to, double hz) {
        double w = 2 * Math.PI * hz / 48_000;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    /** Every sequence number up to the last block is there (that block's parity may not have been sent yet). */
    private static void assertContiguous(AudioDepacketizer d) {
        int lastBlock = d.opus.lastKey() - d.opus.lastKey() % 4;
        assertThat(lastBlock).isGreaterThan(100);
        int expected = 0;
        for (int seq : d.opus.headMap(lastBlock).keySet()) {
            assertThat(seq).as("every sequence number is there, received or rebuilt").isEqualTo(expected++);
        }
        for (Map.Entry<Integer, Integer> e : d.timestamps.entrySet()) {
            assertThat(e.getValue()).as("timestamp of %d in ms", e.getKey()).isEqualTo(e.getKey() * 5);
        }
    }

    @Test
    void encryptedToneWithOneOfFourPacketsLostIsRebuiltDecryptedAndDecoded() throws Exception {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) (i * 17 + 3);
        }
        Run r = stream(new GameStreamAudioSettings().encryption(key, RIKEY_ID).source(AudioKind.TONE, null)
                .name("gs-audio-test"), key, (pt, seq) -> pt == 97 && seq % 4 == 1, 600, false);
        AudioDepacketizer d = r.depacketizer();
        System.out.printf("gamestream audio, 1 of 4 lost: host sent %d packets + %d parity, client rebuilt %d of %d"
                        + " dropped; host thread CPU %d ms for %d ms of audio%n", r.host().packetsSent(),
                r.host().fecPackets(), d.rebuilt, r.dropped(), TimeUnit.NANOSECONDS.toMillis(r.host().threadCpuNs()),
                r.host().packetsSent() * 5);
        assertThat(r.failure()).isNull();
        assertThat(r.dropped()).isGreaterThan(80);
        assertThat(d.rebuilt).isBetween(r.dropped() - 1, r.dropped()); // the last block's parity may not have come
        assertThat(d.unrecoverableBlocks).isZero();
        assertThat(d.decryptFailures).isZero();
        assertThat(d.headerErrors).isZero();
        assertThat(d.malformed).isZero();
        assertContiguous(d);
        // CBR: every Opus packet has the same length (what makes the block parity line up)
        assertThat(d.opus.values().stream().mapToInt(p -> p.length).distinct().count()).isEqualTo(1);
        short[] pcm = decodeAll(d);
        int from = 20 * 240; // past the codec's start-up
        assertThat(power(pcm, from, pcm.length, 440)).isGreaterThan(100 * power(pcm, from, pcm.length, 1000));
        AudioStreamStats host = r.host();
        assertThat(host.fecPackets()).isEqualTo(host.packetsSent() / 4 * 2);
        assertThat(host.datagramsSent()).isEqualTo(host.packetsSent() + host.fecPackets());
        assertThat(host.sendDrops()).isZero();
        assertThat(host.silentPackets()).isZero();
    }

    @Test
    void silenceStreamsContinuouslyTwoOfFourLostAreRebuiltAndGarbageIsCounted() throws Exception {
        Run r = stream(new GameStreamAudioSettings().source(AudioKind.NONE, null).name("gs-audio-test"), null,
                (pt, seq) -> pt == 97 && (seq % 4 == 0 || seq % 4 == 3), 300, true);
        AudioDepacketizer d = r.depacketizer();
        assertThat(r.failure()).isNull();
        assertThat(d.rebuilt).isBetween(r.dropped() - 2, r.dropped());
        assertThat(d.unrecoverableBlocks).isZero();
        assertContiguous(d);
        short[] pcm = decodeAll(d);
        int peak = 0;
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).as("silence decodes to (near) silence").isLessThan(64);
        assertThat(r.host().silentPackets()).isEqualTo(r.host().packetsSent());
        assertThat(r.host().rejected()).isEqualTo(r.garbage());
        assertThat(r.host().pings()).isPositive();
    }

    @Test
    void aStreamNobodyPingsEndsWithAReason() throws Exception {
        UdpTransport socket = GameStreamAudioStream.bind(new InetSocketAddress(LOOPBACK, 0));
        AtomicReference<String> failure = new AtomicReference<>();
        GameStreamAudioStream host = GameStreamAudioStream.start(socket, new GameStreamAudioSettings()
                .ping(PING, null).source(AudioKind.NONE, null).pingTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)),
                failure::set);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            host.close();
        }
        assertThat(failure.get()).contains("no ping");
        assertThat(host.stats().packetsSent()).isZero();
    }
}
