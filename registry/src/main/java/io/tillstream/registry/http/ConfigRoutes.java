package io.tillstream.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.Mode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.model.SubjectConfig;

/** {@code /config} and {@code /mode}: global and per-subject configurations and modes. */
final class ConfigRoutes {

    private final SchemaRegistry registry;

    ConfigRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/config", ctx -> getConfig(ctx, null));
        routes.put("/config", ctx -> putConfig(ctx, null));
        routes.delete("/config", ctx -> Json.respond(ctx, registry.deleteConfig(null).fields()));
        routes.get("/config/{subject}", ctx -> getConfig(ctx, Params.subject(ctx)));
        routes.put("/config/{subject}", ctx -> putConfig(ctx, Params.subject(ctx)));
        routes.delete("/config/{subject}", ctx -> Json.respond(ctx, registry.deleteConfig(Params.subject(ctx)).fields()));
        routes.get("/mode", ctx -> getMode(ctx, null));
        routes.put("/mode", ctx -> putMode(ctx, null));
        routes.delete("/mode", ctx -> deleteMode(ctx, null));
        routes.get("/mode/{subject}", ctx -> getMode(ctx, Params.subject(ctx)));
        routes.put("/mode/{subject}", ctx -> putMode(ctx, Params.subject(ctx)));
        routes.delete("/mode/{subject}", ctx -> deleteMode(ctx, Params.subject(ctx)));
    }

    private void getConfig(Context ctx, String subject) {
        Json.respond(ctx, registry.config(subject, Params.flag(ctx, "defaultToGlobal")).fields());
    }

    /** Answers as Confluent does: the update as taken, the level under the name clients send it by. */
    private void putConfig(Context ctx, String subject) {
        JsonNode body = Json.read(ctx, JsonNode.class);
        if (!(body instanceof ObjectNode update)) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Config update must be a JSON object");
        }
        SubjectConfig updated = registry.updateConfig(subject, update);
        ObjectNode answer = update.deepCopy();
        answer.remove(SubjectConfig.COMPATIBILITY_LEVEL);
        updated.compatibilityLevel().filter(level -> update.has("compatibility") || update.has(SubjectConfig.COMPATIBILITY_LEVEL))
            .ifPresent(level -> answer.put("compatibility", level.name()));
        Json.respond(ctx, answer);
    }

    private void getMode(Context ctx, String subject) {
        Json.respond(ctx, new Bodies.Mode(registry.mode(subject, Params.flag(ctx, "defaultToGlobal")).name()));
    }

    private void putMode(Context ctx, String subject) {
        Mode mode = Mode.parse(Json.read(ctx, Bodies.ModeBody.class).mode());
        Json.respond(ctx, new Bodies.Mode(registry.setMode(subject, mode, Params.flag(ctx, "force")).name()));
    }

    private void deleteMode(Context ctx, String subject) {
        Json.respond(ctx, new Bodies.Mode(registry.deleteMode(subject).name()));
    }
}
