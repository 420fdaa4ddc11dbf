package io.punktfunk.host.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web console's static files, read from the host's jar once at start and served from memory
 * (no CDN, no files unpacked to disk). The console is plain HTML, CSS and JavaScript that calls the
 * API of its own origin.
 */
final class ConsoleFiles {
    private static final List<String> FILES = List.of("index.html", "console.css", "console.js");
    private final Map<String, Buffer> files = new HashMap<>();

    private ConsoleFiles() {
    }

    static ConsoleFiles load() throws IOException {
        ConsoleFiles c = new ConsoleFiles();
        for (String f : FILES) {
            try (InputStream in = ConsoleFiles.class.getResourceAsStream("console/" + f)) {
                if (in == null) {
                    throw new IOException("console/" + f + " is missing from the host's jar");
                }
                c.files.put(f, Buffer.buffer(in.readAllBytes()));
            }
        }
        return c;
    }

    void serve(RoutingContext ctx, String name) {
        Buffer b = files.get(name);
        if (b == null) {
            Problem.send(ctx, 404, "Not Found", "the console has no file " + name);
            return;
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        ctx.response().putHeader("Content-Type", type)
                .putHeader("Cache-Control", "no-cache")
                // the console runs only its own script and talks only to its own origin
                .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(b);
    }
}
