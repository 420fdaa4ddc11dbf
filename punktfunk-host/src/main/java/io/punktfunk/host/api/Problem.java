package io.punktfunk.host.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.punktfunk.host.settings.SettingsProblem;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** An RFC 9457 problem document ({@code application/problem+json}): every error the API answers is one. */
final class Problem {
    static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {
    }

    static void send(RoutingContext ctx, int status, String title, String detail) {
        send(ctx, status, title, detail, null);
    }

    static void send(RoutingContext ctx, int status, String title, String detail, List<SettingsProblem> problems) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "about:blank");
        o.put("title", title);
        o.put("status", status);
        o.put("detail", detail);
        o.put("instance", ctx.request().path());
        if (problems != null) {
            ArrayNode a = o.putArray("errors");
            for (SettingsProblem p : problems) {
                ObjectNode e = a.addObject();
                e.put("key", p.key());
                if (p.line() > 0) {
                    e.put("line", p.line());
                }
                e.put("message", p.message());
            }
        }
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(o.toString());
    }
}
