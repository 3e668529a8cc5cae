package io.tillstream.serde.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.serde.internals.BoundedCache;
import io.tillstream.serde.internals.RestService;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.tillstream.serde.internals.RestService.JSON;
import static io.tillstream.serde.internals.RestService.segment;

/**
 * A {@link SchemaRegistryClient} over HTTP that caches what never changes: the schema behind an ID,
 * and the ID of a schema under a subject. Thread-safe; share one per application.
 *
 * <pre>{@code
 * try (SchemaRegistryClient registry = new CachedSchemaRegistryClient(Map.of("schema.registry.url", "http://127.0.0.1:8081"))) {
 *     int id = registry.register("raw_data-value", schema, false);
 * }
 * }</pre>
 */
public class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private final RestService rest;
    private final BoundedCache<Integer, SchemaDefinition> definitionsById;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;

    /** IDs are cached per subject: that a schema is registered under one subject says nothing about another. */
    private record SubjectSchema(String subject, Schema schema, boolean normalize) {
    }

    public CachedSchemaRegistryClient(Map<String, ?> configs) {
        this(new SchemaRegistryClientConfig(configs));
    }

    public CachedSchemaRegistryClient(SchemaRegistryClientConfig config) {
        this.rest = new RestService(config.baseUrls(), config.basicAuthUserInfo(), config.sslContext(),
            config.connectTimeout(), config.requestTimeout());
        this.definitionsById = new BoundedCache<>(config.cacheCapacity());
        this.schemasById = new BoundedCache<>(config.cacheCapacity());
        this.idsBySubjectSchema = new BoundedCache<>(config.cacheCapacity());
    }

    @Override
    public int register(String subject, Schema schema, boolean normalize) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema, normalize), key -> {
            int id = register(subject, SchemaDefinition.avro(schema.toString()), normalize);
            schemasById.put(id, schema);
            return id;
        });
    }

    @Override
    public int register(String subject, SchemaDefinition schema, boolean normalize) {
        return rest.post("/subjects/" + segment(subject) + "/versions?normalize=" + normalize, toJson(schema))
            .path("id").asInt();
    }

    @Override
    public int getId(String subject, Schema schema, boolean normalize) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema, normalize), key -> {
            int id = lookup(subject, SchemaDefinition.avro(schema.toString()), normalize).id();
            schemasById.put(id, schema);
            return id;
        });
    }

    @Override
    public RegisteredSchema lookup(String subject, SchemaDefinition schema, boolean normalize) {
        return registered(rest.post("/subjects/" + segment(subject) + "?normalize=" + normalize, toJson(schema)));
    }

    @Override
    public Schema getAvroSchema(int id) {
        return schemasById.computeIfAbsent(id, key -> parse(id, getSchema(id)));
    }

    @Override
    public SchemaDefinition getSchema(int id) {
        return definitionsById.computeIfAbsent(id, key -> definition(rest.get("/schemas/ids/" + id)));
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return registered(rest.get("/subjects/" + segment(subject) + "/versions/" + versionSegment(version)));
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return ints(rest.get("/subjects/" + segment(subject) + "/versions"));
    }

    @Override
    public List<String> getSubjects(boolean includeDeleted) {
        List<String> subjects = new ArrayList<>();
        rest.get("/subjects?deleted=" + includeDeleted).forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    @Override
    public List<RegisteredSchema> getLatestSchemas() {
        List<RegisteredSchema> latest = new ArrayList<>();
        rest.get("/schemas?latestOnly=true").forEach(schema -> latest.add(registered(schema)));
        return latest;
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, SchemaDefinition schema) {
        return compatibility(rest.post("/compatibility/subjects/" + segment(subject) + "/versions?verbose=true",
            toJson(schema)));
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, int version, SchemaDefinition schema) {
        return compatibility(rest.post("/compatibility/subjects/" + segment(subject) + "/versions/"
            + versionSegment(version) + "?verbose=true", toJson(schema)));
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> deleted = ints(rest.delete("/subjects/" + segment(subject) + "?permanent=" + permanent));
        idsBySubjectSchema.removeKeysIf(key -> key.subject().equals(subject));
        return deleted;
    }

    @Override
    public int deleteVersion(String subject, int version, boolean permanent) {
        int deleted = rest.delete("/subjects/" + segment(subject) + "/versions/" + versionSegment(version)
            + "?permanent=" + permanent).asInt();
        idsBySubjectSchema.removeKeysIf(key -> key.subject().equals(subject));
        return deleted;
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        return level(rest.get(subject == null ? "/config" : "/config/" + segment(subject) + "?defaultToGlobal=true"));
    }

    @Override
    public Optional<CompatibilityLevel> getSubjectCompatibility(String subject) {
        try {
            return Optional.of(level(rest.get("/config/" + segment(subject))));
        } catch (RegistryClientException e) {
            // Confluent before 7.0 answered a subject without a level of its own as an unknown subject.
            if (e.errorCode() == RegistryClientException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED
                || e.errorCode() == RegistryClientException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        return level(rest.put(subject == null ? "/config" : "/config/" + segment(subject), body));
    }

    @Override
    public CompatibilityLevel deleteCompatibility(String subject) {
        return level(rest.delete("/config/" + segment(subject)));
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads end once it is unreachable.
    }

    private Schema parse(int id, SchemaDefinition definition) {
        if (!SchemaDefinition.AVRO.equals(definition.schemaType())) {
            throw new IllegalArgumentException("Schema " + id + " is " + definition.schemaType() + ", not Avro");
        }
        Schema.Parser parser = new Schema.Parser();
        addReferences(parser, definition.references(), new HashSet<>());
        return parser.parse(definition.schema());
    }

    /** Parses referenced schemas before the schema that names their types, depth first, each once. */
    private void addReferences(Schema.Parser parser, List<SchemaReference> references, Set<SchemaReference> seen) {
        for (SchemaReference reference : references) {
            if (seen.add(reference)) {
                SchemaDefinition referenced = getVersion(reference.subject(), reference.version()).definition();
                addReferences(parser, referenced.references(), seen);
                parser.parse(referenced.schema());
            }
        }
    }

    private static String versionSegment(int version) {
        return version == LATEST_VERSION ? "latest" : Integer.toString(version);
    }

    private static ObjectNode toJson(SchemaDefinition schema) {
        ObjectNode json = JSON.createObjectNode().put("schema", schema.schema());
        // Confluent's clients leave the type out for Avro, and older registries reject the field.
        if (!SchemaDefinition.AVRO.equals(schema.schemaType())) {
            json.put("schemaType", schema.schemaType());
        }
        if (!schema.references().isEmpty()) {
            ArrayNode references = json.putArray("references");
            schema.references().forEach(r -> references.addObject()
                .put("name", r.name()).put("subject", r.subject()).put("version", r.version()));
        }
        return json;
    }

    private static SchemaDefinition definition(JsonNode json) {
        List<SchemaReference> references = new ArrayList<>();
        json.path("references").forEach(r -> references.add(
            new SchemaReference(r.path("name").asText(), r.path("subject").asText(), r.path("version").asInt())));
        String type = json.hasNonNull("schemaType") ? json.get("schemaType").asText() : SchemaDefinition.AVRO;
        return new SchemaDefinition(json.path("schema").asText(), type, references);
    }

    private static RegisteredSchema registered(JsonNode json) {
        return new RegisteredSchema(json.path("subject").asText(), json.path("version").asInt(), json.path("id").asInt(),
            definition(json));
    }

    private static CompatibilityResult compatibility(JsonNode json) {
        List<String> messages = new ArrayList<>();
        json.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityResult(json.path("is_compatible").asBoolean(), messages);
    }

    /** GET answers {@code compatibilityLevel}, PUT answers {@code compatibility}. */
    private static CompatibilityLevel level(JsonNode json) {
        JsonNode level = json.hasNonNull("compatibilityLevel") ? json.get("compatibilityLevel") : json.path("compatibility");
        return CompatibilityLevel.valueOf(level.asText());
    }

    private static List<Integer> ints(JsonNode json) {
        List<Integer> values = new ArrayList<>();
        json.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
