package io.tillstream.registry.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.model.SchemaVersion;

import java.util.List;

/** {@code /compatibility}: would this schema be accepted, and if not, why. */
final class CompatibilityRoutes {

    private final SchemaRegistry registry;

    CompatibilityRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/compatibility/subjects/{subject}/versions", ctx -> check(ctx, null));
        routes.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> check(ctx, Params.version(ctx)));
    }

    private void check(Context ctx, SchemaVersion version) {
        boolean verbose = Params.flag(ctx, "verbose");
        Bodies.SchemaBody body = Json.read(ctx, Bodies.SchemaBody.class);
        List<String> problems;
        try {
            problems = registry.compatibilityProblems(Params.subject(ctx), version, body.toRequest(),
                Params.flag(ctx, "normalize"));
        } catch (RegistryException e) {
            // Confluent answers an invalid schema as "incompatible" when asked for the reasons.
            if (!verbose || e.errorCode() != ErrorCode.INVALID_SCHEMA) {
                throw e;
            }
            problems = List.of(e.getMessage());
        }
        Json.respond(ctx, new Bodies.Compatibility(problems.isEmpty(), verbose ? problems : null));
    }
}
