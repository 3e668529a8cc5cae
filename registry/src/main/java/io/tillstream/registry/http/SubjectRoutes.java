package io.tillstream.registry.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.model.RegisteredSchema;

/** {@code /subjects}: registering, looking up, reading and deleting the versions of subjects. */
final class SubjectRoutes {

    private final SchemaRegistry registry;

    SubjectRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/subjects", ctx -> Json.respond(ctx, Paging.page(ctx,
            registry.subjects(Params.prefix(ctx), Params.filter(ctx)))));
        routes.post("/subjects/{subject}", this::lookup);
        routes.delete("/subjects/{subject}", ctx -> Json.respond(ctx,
            registry.deleteSubject(Params.subject(ctx), Params.flag(ctx, "permanent"))));
        routes.get("/subjects/{subject}/versions", ctx -> Json.respond(ctx, Paging.page(ctx,
            registry.versions(Params.subject(ctx), Params.filter(ctx)))));
        routes.post("/subjects/{subject}/versions", this::register);
        routes.get("/subjects/{subject}/versions/{version}", ctx -> Json.respond(ctx, Bodies.Schema.of(version(ctx))));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> Json.respondSchemaText(ctx, version(ctx).schema()));
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> Json.respond(ctx, Paging.page(ctx,
            registry.referencedBy(Params.subject(ctx), Params.version(ctx)))));
        routes.delete("/subjects/{subject}/versions/{version}", ctx -> Json.respond(ctx,
            registry.deleteVersion(Params.subject(ctx), Params.version(ctx), Params.flag(ctx, "permanent"))));
    }

    private RegisteredSchema version(Context ctx) {
        return registry.formatted(registry.version(Params.subject(ctx), Params.version(ctx), Params.flag(ctx, "deleted")),
            Params.format(ctx));
    }

    private void register(Context ctx) {
        Bodies.SchemaBody body = Json.read(ctx, Bodies.SchemaBody.class);
        RegisteredSchema registered = registry.register(Params.subject(ctx), body.toRequest(), Params.flag(ctx, "normalize"));
        Json.respond(ctx, new Bodies.Id(registered.id()));
    }

    private void lookup(Context ctx) {
        Bodies.SchemaBody body = Json.read(ctx, Bodies.SchemaBody.class);
        RegisteredSchema found = registry.lookup(Params.subject(ctx), body.toRequest(), Params.flag(ctx, "normalize"),
            Params.flag(ctx, "deleted"));
        Json.respond(ctx, Bodies.Schema.of(registry.formatted(found, Params.format(ctx))));
    }
}
