package io.punktfunk.cli.fec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.punktfunk.core.fec.FecScheme;
import io.punktfunk.core.fec.conformance.FecVector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a conformance vectors file (format in docs/fec.md, Conformance). */
public final class FecVectorFile {
    private FecVectorFile() {
    }

    public static List<FecVector> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        String generator = text(root, "generator", file);
        if (!"splitmix64-le".equals(generator)) {
            throw new IOException(file + ": unsupported data generator '" + generator + "'");
        }
        FecScheme scheme = FecScheme.fromVectorName(text(root, "scheme", file));
        JsonNode vectors = root.get("vectors");
        if (vectors == null || !vectors.isArray()) {
            throw new IOException(file + ": no \"vectors\" array");
        }
        List<FecVector> out = new ArrayList<>();
        for (JsonNode v : vectors) {
            List<String> perShard = new ArrayList<>();
            for (JsonNode h : v.path("recovery_sha256")) {
                perShard.add(h.asText());
            }
            out.add(new FecVector(scheme, v.path("k").asInt(), v.path("r").asInt(), v.path("shard_bytes").asInt(),
                    v.path("seed").asLong(), v.hasNonNull("rate") ? v.get("rate").asText() : null,
                    v.path("data_sha256").asText(), v.path("all_recovery_sha256").asText(), List.copyOf(perShard)));
        }
        return out;
    }

    private static String text(JsonNode root, String field, Path file) throws IOException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new IOException(file + ": missing \"" + field + "\"");
        }
        return n.asText();
    }
}
