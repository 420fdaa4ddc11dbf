package io.punktfunk.core.fec.gf8;

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

/** The nanors conformance vectors (test resources): every recovery shard's hash, then a decode. */
class NanorsVectorsTest {

    @Test
    void everySharedVectorPasses() throws IOException {
        JsonNode root = new ObjectMapper().readTree(vectorsFile().toFile());
        assertThat(root.path("scheme").asText()).isEqualTo("gf8-nanors");
        List<FecVector> vectors = new ArrayList<>();
        for (JsonNode v : root.path("vectors")) {
            List<String> hashes = new ArrayList<>();
            v.path("recovery_sha256").forEach(h -> hashes.add(h.asText()));
            vectors.add(new FecVector(FecScheme.GF8_CAUCHY, v.path("k").asInt(), v.path("r").asInt(),
                    v.path("shard_bytes").asInt(), v.path("seed").asLong(), null, v.path("data_sha256").asText(),
                    v.path("all_recovery_sha256").asText(), hashes));
        }
        assertThat(vectors).isNotEmpty();
        for (FecVector v : vectors) {
            FecVectorCheck.Result result = FecVectorCheck.run(new CauchyGf8Coder(), v);
            assertThat(result.failure()).as(v.label()).isNull();
        }
    }

    /** Where a vector carries its recovery shards in hex, compare them byte for byte too. */
    @Test
    void recoveryHexMatchesByteForByte() throws IOException {
        JsonNode root = new ObjectMapper().readTree(vectorsFile().toFile());
        int compared = 0;
        for (JsonNode v : root.path("vectors")) {
            if (!v.has("recovery_hex")) {
                continue;
            }
            int k = v.path("k").asInt();
            int r = v.path("r").asInt();
            int len = v.path("shard_bytes").asInt();
            byte[][] data = SplitMix64Bytes.shards(v.path("seed").asLong(), k, len);
            byte[][] parity = new byte[r][len];
            new CauchyGf8Coder().encode(data, k, parity, r, len);
            for (int j = 0; j < r; j++) {
                assertThat(HexFormat.of().formatHex(parity[j])).as("k=%d r=%d shard %d", k, r, j)
                        .isEqualTo(v.path("recovery_hex").get(j).asText());
                compared++;
            }
        }
        assertThat(compared).isPositive();
    }

    /** The conformance vectors, a test resource of this module (see docs/fec.md, Conformance). */
    static Path vectorsFile() {
        try {
            var url = NanorsVectorsTest.class.getResource("/vectors/fec/gf8-nanors.json");
            if (url == null) {
                throw new IllegalStateException("test resource /vectors/fec/gf8-nanors.json missing");
            }
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
