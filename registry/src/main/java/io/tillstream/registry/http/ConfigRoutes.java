package io.tillstream.registry.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.model.CompatibilityLevel;
import io.tillstream.registry.model.Mode;

/** {@code /config} and {@code /mode}: global and per-subject compatibility levels and modes. */
final class ConfigRoutes {

    private final SchemaRegistry registry;

    ConfigRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/config", ctx -> getConfig(ctx, null));
        routes.put("/config", ctx -> putConfig(ctx, null));
        routes.delete("/config", ctx -> deleteConfig(ctx, null));
        routes.get("/config/{subject}", ctx -> getConfig(ctx, Params.subject(ctx)));
        routes.put("/config/{subject}", ctx -> putConfig(ctx, Params.subject(ctx)));
        routes.delete("/config/{subject}", ctx -> deleteConfig(ctx, Params.subject(ctx)));
        routes.get("/mode", ctx -> getMode(ctx, null));
        routes.put("/mode", ctx -> putMode(ctx, null));
        routes.delete("/mode", ctx -> deleteMode(ctx, null));
        routes.get("/mode/{subject}", ctx -> getMode(ctx, Params.subject(ctx)));
        routes.put("/mode/{subject}", ctx -> putMode(ctx, Params.subject(ctx)));
        routes.delete("/mode/{subject}", ctx -> deleteMode(ctx, Params.subject(ctx)));
    }

    private void getConfig(Context ctx, String subject) {
        CompatibilityLevel level = registry.compatibility(subject, Params.flag(ctx, "defaultToGlobal"));
        Json.respond(ctx, new Bodies.Config(level.name()));
    }

    private void putConfig(Context ctx, String subject) {
        CompatibilityLevel level = CompatibilityLevel.parse(Json.read(ctx, Bodies.ConfigBody.class).level());
        Json.respond(ctx, new Bodies.ConfigUpdate(registry.setCompatibility(subject, level).name()));
    }

    private void deleteConfig(Context ctx, String subject) {
        Json.respond(ctx, new Bodies.Config(registry.deleteCompatibility(subject).name()));
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
