package io.punktfunk.bench.crypto;

import io.punktfunk.core.crypto.PacketAead;
import io.punktfunk.core.crypto.PacketAeads;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-thread seal and open of one data-plane packet (44-byte header as AAD, a shard, 16-byte
 * tag) in place, as {@code PacketSealer} / {@code PacketOpener} do, per {@link PacketAeads.Engine}.
 * Seal takes a new nonce per call (the JCA refuses a repeated one); open first copies a sealed
 * packet back over the buffer (its own decrypt destroyed the last one), which adds a ~1.4 KB
 * {@code arraycopy} to every open.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GcmBenchmark {
    static final int HEADER = 44;

    @Param({"JDK_GHASH", "JCA"})
    public String engine;

    @Param("1408")
    public int shard;

    private PacketAead aead;
    private byte[] nonce;
    private byte[] buf;
    private byte[] sealed;
    private byte[] sealedNonce;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] key = new byte[16];
        rnd.nextBytes(key);
        aead = PacketAeads.create(PacketAeads.Engine.valueOf(engine), key);
        nonce = new byte[PacketAead.NONCE_BYTES];
        rnd.nextBytes(nonce);
        buf = new byte[HEADER + shard + PacketAead.TAG_BYTES];
        rnd.nextBytes(buf);
        byte[] plain = buf.clone();
        aead.seal(nonce, buf, 0, HEADER, HEADER, shard);
        sealed = buf.clone();
        sealedNonce = nonce.clone();
        if (!aead.open(nonce, buf, 0, HEADER, HEADER, shard + PacketAead.TAG_BYTES)
                || !java.util.Arrays.equals(buf, 0, HEADER + shard, plain, 0, HEADER + shard)) {
            throw new IllegalStateException(engine + ": sealed packet does not open to its plaintext");
        }
    }

    @Benchmark
    public byte[] seal() {
        long s = ++sequence;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (s >>> (8 * i));
        }
        aead.seal(nonce, buf, 0, HEADER, HEADER, shard);
        return buf;
    }

    @Benchmark
    public boolean open() {
        System.arraycopy(sealed, 0, buf, 0, sealed.length);
        if (!aead.open(sealedNonce, buf, 0, HEADER, HEADER, shard + PacketAead.TAG_BYTES)) {
            throw new IllegalStateException("open refused the sealed packet");
        }
        return true;
    }
}
