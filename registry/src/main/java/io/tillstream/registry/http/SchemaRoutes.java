package io.tillstream.registry.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.SchemaContent;
import io.tillstream.registry.schema.SchemaTypes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code /schemas}: schemas by ID, which every consumer asks for, and listings. */
final class SchemaRoutes {

    private final SchemaRegistry registry;
    /** The answer for each ID, serialized once: an ID's schema never changes, it can only go away. */
    private final Map<Integer, CachedBody> byId = new ConcurrentHashMap<>();

    private record CachedBody(SchemaContent content, byte[] body) {
    }

    SchemaRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/schemas", this::list);
        routes.get("/schemas/types", ctx -> Json.respond(ctx, SchemaTypes.names()));
        routes.get("/schemas/ids/{id}", this::byId);
        routes.get("/schemas/ids/{id}/schema", ctx -> Json.respondSchemaText(ctx,
            registry.formatted(registry.schemaById(Params.id(ctx)), Params.format(ctx)).schema()));
        routes.get("/schemas/ids/{id}/subjects", ctx -> Json.respond(ctx, Paging.page(ctx,
            registry.usesOf(Params.id(ctx), Params.flag(ctx, "deleted")).stream().map(RegisteredSchema::subject)
                .distinct().toList())));
        routes.get("/schemas/ids/{id}/versions", ctx -> Json.respond(ctx, Paging.page(ctx,
            registry.usesOf(Params.id(ctx), Params.flag(ctx, "deleted")).stream()
                .map(s -> new Bodies.SubjectVersion(s.subject(), s.version())).toList())));
    }

    private void list(Context ctx) {
        List<RegisteredSchema> schemas = registry.schemas(Params.prefix(ctx), Params.flag(ctx, "deleted"),
            Params.flag(ctx, "latestOnly"));
        Json.respond(ctx, Paging.page(ctx, schemas.stream().map(Bodies.Schema::of).toList()));
    }

    private void byId(Context ctx) {
        int id = Params.id(ctx);
        SchemaContent content = registry.schemaById(id);
        String format = Params.format(ctx);
        if (Params.flag(ctx, "fetchMaxId") || (format != null && !format.isBlank())) {
            Json.respond(ctx, Bodies.SchemaString.of(registry.formatted(content, format),
                Params.flag(ctx, "fetchMaxId") ? registry.maxId() : null));
            return;
        }
        CachedBody cached = byId.get(id);
        if (cached == null || cached.content() != content) {
            cached = new CachedBody(content, Json.bytes(Bodies.SchemaString.of(content, null)));
            byId.put(id, cached);
        }
        Json.respondBytes(ctx, cached.body());
    }
}
