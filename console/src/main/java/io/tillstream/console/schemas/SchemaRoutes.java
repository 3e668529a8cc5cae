package io.tillstream.console.schemas;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.ErrorCode;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import io.tillstream.serde.client.CompatibilityLevel;
import io.tillstream.serde.client.CompatibilityResult;
import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /schemas/subjects}: the registry's subjects, their versions, a diff between two, the
 * compatibility level, and registering a new version once the registry has judged it compatible.
 * Every answer comes from the registry as it is now; the registry's refusals reach the user through
 * {@link io.tillstream.console.http.Errors}.
 */
public final class SchemaRoutes implements Routes {

    private static final String SUBJECTS = WebServer.API + "/schemas/subjects";
    private static final String SUBJECT = SUBJECTS + "/{subject}";

    /** A subject's level as set, or the global one it follows. */
    record SubjectCompatibility(String subject, String compatibility, boolean compatibilityInherited) {
    }

    /** Where a proposed schema is now; {@code created} is false when the subject already held it. */
    record Registered(String subject, int version, int id, boolean created) {
    }

    private final SchemaRegistryClient registry;

    public SchemaRoutes(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(SUBJECTS, this::list);
        routes.get(SUBJECT, this::detail);
        routes.get(SUBJECT + "/versions/{version}", this::version);
        routes.post(SUBJECT + "/versions", this::register);
        routes.get(SUBJECT + "/diff", this::diff);
        routes.post(SUBJECT + "/check", this::check);
        routes.put(SUBJECT + "/compatibility", this::setCompatibility);
        routes.post(SUBJECT + "/compatibility", this::setCompatibility);
        routes.delete(SUBJECT + "/compatibility", this::followGlobalCompatibility);
    }

    private void list(Context ctx) {
        String search = Bodies.search(ctx);
        CompatibilityLevel global = registry.getCompatibility(null);
        ctx.json(registry.getLatestSchemas().stream()
            .filter(s -> s.subject().toLowerCase(Locale.ROOT).contains(search))
            .sorted(Comparator.comparing(RegisteredSchema::subject))
            .map(s -> {
                Optional<CompatibilityLevel> own = registry.getSubjectCompatibility(s.subject());
                return new SubjectSummary(s.subject(), s.version(), s.id(), s.definition().schemaType(),
                    own.orElse(global).name(), own.isEmpty());
            })
            .toList());
    }

    private void detail(Context ctx) {
        String subject = subject(ctx);
        List<Integer> versions = registry.getVersions(subject);
        Optional<CompatibilityLevel> own = registry.getSubjectCompatibility(subject);
        CompatibilityLevel global = registry.getCompatibility(null);
        ctx.json(new SubjectDetail(subject, versions, own.orElse(global).name(), own.isEmpty(), global.name()));
    }

    private void version(Context ctx) {
        ctx.json(SchemaVersion.of(registry.getVersion(subject(ctx),
            SchemaRequests.requireVersion("version", ctx.pathParam("version")))));
    }

    private void diff(Context ctx) {
        String subject = subject(ctx);
        int from = SchemaRequests.requireVersion("from", ctx.queryParam("from"));
        int to = SchemaRequests.requireVersion("to", ctx.queryParam("to"));
        ctx.json(SchemaDiff.of(SchemaVersion.of(registry.getVersion(subject, from)),
            SchemaVersion.of(registry.getVersion(subject, to))));
    }

    private void setCompatibility(Context ctx) {
        String subject = subject(ctx);
        CompatibilityLevel level = Bodies.read(ctx, SchemaRequests.Compatibility.class).level();
        ctx.json(new SubjectCompatibility(subject, registry.updateCompatibility(subject, level).name(), false));
    }

    /** Removes the subject's own level, if it has one, so that the global level applies to it again. */
    private void followGlobalCompatibility(Context ctx) {
        String subject = subject(ctx);
        if (registry.getSubjectCompatibility(subject).isPresent()) {
            registry.deleteCompatibility(subject);
        }
        ctx.json(new SubjectCompatibility(subject, registry.getCompatibility(null).name(), true));
    }

    private void check(Context ctx) {
        String subject = subject(ctx);
        ctx.json(verdict(subject, Bodies.read(ctx, SchemaRequests.Proposal.class).validate()));
    }

    /** Registers only what the registry judges compatible, and says why not otherwise. */
    private void register(Context ctx) {
        String subject = subject(ctx);
        SchemaDefinition schema = Bodies.read(ctx, SchemaRequests.Proposal.class).validate();
        Optional<RegisteredSchema> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            ctx.json(new Registered(subject, existing.get().version(), existing.get().id(), false));
            return;
        }
        CompatibilityVerdict verdict = verdict(subject, schema);
        if (!verdict.compatible()) {
            throw new ConsoleException(ErrorCode.SCHEMA_INCOMPATIBLE, verdict.refusal(subject));
        }
        int id = registry.register(subject, schema, false);
        ctx.status(201).json(new Registered(subject, registry.lookup(subject, schema, false).version(), id, true));
    }

    /**
     * The registry's verdict in the page's words. Asked for reasons, a registry answers a schema it
     * cannot parse as "incompatible" with one message saying so (Confluent's behaviour): that is an
     * invalid schema, not an incompatible one.
     */
    private CompatibilityVerdict verdict(String subject, SchemaDefinition schema) {
        CompatibilityResult result = registry.testCompatibility(subject, schema);
        if (!result.compatible() && result.messages().size() == 1 && result.messages().get(0).startsWith("Invalid ")) {
            throw new ConsoleException(ErrorCode.INVALID_SCHEMA, result.messages().get(0));
        }
        return CompatibilityVerdict.of(result, registry.getCompatibility(subject).name());
    }

    private Optional<RegisteredSchema> lookup(String subject, SchemaDefinition schema) {
        try {
            return Optional.of(registry.lookup(subject, schema, false));
        } catch (RegistryClientException e) {
            if (e.status() == 404) { // no such subject, or not this schema in it
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String subject(Context ctx) {
        return SchemaRequests.requireSubject(ctx.pathParam("subject"));
    }
}
