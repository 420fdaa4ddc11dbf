package io.punktfunk.core.fec.gf16;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.fec.conformance.FecVector;
import io.punktfunk.core.fec.conformance.FecVectorCheck;
import io.punktfunk.core.fec.conformance.SplitMix64Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reed-solomon-simd 3.1 conformance vectors (test resources): every recovery hash, the hex shards, and decode. */
class LeopardGf16VectorsTest {

    @Test
    void everyVectorPasses() throws IOException {
        JsonNode root = vectors();
        int passed = 0;
        for (JsonNode v : root.path("vectors")) {
            FecVector vector = toVector(v);
            FecVectorCheck.Result result = FecVectorCheck.run(new LeopardGf16Coder(), vector);
            assertThat(result.failure()).as(vector.label()).isNull();
            passed++;
        }
        assertThat(passed).isEqualTo(11);
    }

    @Test
    void recoveryBytesEqualTheHexShards() throws IOException {
        int compared = 0;
        for (JsonNode v : vectors().path("vectors")) {
            JsonNode hex = v.path("recovery_hex");
            if (hex.isMissingNode()) {
                continue;
            }
            int k = v.path("k").asInt();
            int r = v.path("r").asInt();
            int shardBytes = v.path("shard_bytes").asInt();
            byte[][] data = SplitMix64Bytes.shards(v.path("seed").asLong(), k, shardBytes);
            byte[][] recovery = new byte[r][shardBytes];
            new LeopardGf16Coder().encode(data, k, recovery, r, shardBytes);
            for (int j = 0; j < r; j++) {
                assertThat(HexFormat.of().formatHex(recovery[j])).as("%d+%d @%d recovery %d", k, r, shardBytes, j)
                        .isEqualTo(hex.get(j).asText());
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(10);
    }

    private static FecVector toVector(JsonNode v) {
        List<String> hashes = new ArrayList<>();
        v.path("recovery_sha256").forEach(h -> hashes.add(h.asText()));
        return new FecVector(FecScheme.GF16_LEOPARD, v.path("k").asInt(), v.path("r").asInt(),
                v.path("shard_bytes").asInt(), v.path("seed").asLong(), v.path("rate").asText(null),
                v.path("data_sha256").asText(), v.path("all_recovery_sha256").asText(), hashes);
    }

    /** The conformance vectors, a test resource of this module (see docs/fec.md, Conformance). */
    private static JsonNode vectors() throws IOException {
        try (var in = LeopardGf16VectorsTest.class.getResourceAsStream("/vectors/fec/gf16-leopard.json")) {
            if (in == null) {
                throw new IOException("test resource /vectors/fec/gf16-leopard.json missing");
            }
            return new ObjectMapper().readTree(in);
        }
    }
}
