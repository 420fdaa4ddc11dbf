package io.punktfunk.bench.fec;

import io.punktfunk.core.fec.FecScheme;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmarked block shape, written {@code scheme:k+m@shardBytes}, e.g. {@code gf16:100+20@1200}.
 * The decode case loses m originals (the worst case: every recovery shard is needed).
 */
public record FecBenchShape(FecScheme scheme, int k, int m, int shardBytes) {
    private static final Pattern FORM = Pattern.compile("(gf8|gf16):(\\d+)\\+(\\d+)@(\\d+)");

    /** The shapes of the FEC issue: five GF(2^16) shapes and GF(2^8) 100+20, 1200-byte shards. */
    public static final List<FecBenchShape> STANDARD = List.of(
            parse("gf16:100+20@1200"), parse("gf16:300+60@1200"), parse("gf16:1000+100@1200"),
            parse("gf16:1700+340@1200"), parse("gf16:64+64@1200"), parse("gf8:100+20@1200"));

    public static FecBenchShape parse(String s) {
        Matcher m = FORM.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad FEC shape '" + s + "', expected e.g. gf16:100+20@1200");
        }
        FecScheme scheme = m.group(1).equals("gf8") ? FecScheme.GF8_CAUCHY : FecScheme.GF16_LEOPARD;
        return new FecBenchShape(scheme, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)));
    }

    /** Bytes of original data per block: what MB/s figures are measured in. */
    public long originalBytes() {
        return (long) k * shardBytes;
    }

    @Override
    public String toString() {
        return (scheme == FecScheme.GF8_CAUCHY ? "gf8" : "gf16") + ":" + k + "+" + m + "@" + shardBytes;
    }
}
