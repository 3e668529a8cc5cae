package io.tillstream.serde.internals.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks values against one JSON Schema with networknt's validator. The schemas it refers to are
 * given by reference name, as the registry holds them, and found where Confluent finds them: at
 * the name resolved against the schema's {@code $id}. Nothing is fetched from the network, so a
 * {@code $ref} to a URL that is not a reference fails rather than reaching out from a client.
 */
public final class JsonSchemaValidator {

    /** Where a schema without {@code $id} sits, as in Confluent's serdes and Tillstream's registry. */
    private static final URI DEFAULT_BASE = URI.create("mem://input/");
    /** Enough problems to fix the first ones without burying them in one exception message. */
    private static final int PROBLEMS_SHOWN = 3;
    private static final ObjectMapper JSON = JsonMapping.mapper(false, false);

    private final Schema schema;

    private JsonSchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /**
     * A validator for {@code schema}, whose {@code $ref}s may name the schemas in {@code references}
     * by their reference names.
     *
     * @throws IllegalArgumentException if a schema is not JSON
     */
    public static JsonSchemaValidator of(String schema, Map<String, String> references) {
        JsonNode root = read(schema);
        SpecificationVersion draft = draft(root);
        JsonNode id = root.path(draft == SpecificationVersion.DRAFT_4 ? "id" : "$id");
        URI base = id.isTextual() ? DEFAULT_BASE.resolve(id.asText()) : DEFAULT_BASE;
        Map<String, String> documents = new HashMap<>();
        references.forEach((name, text) -> documents.put(base.resolve(name).toString(), withKnownDialect(read(text)).toString()));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(draft, builder -> builder.schemas(documents));
        return new JsonSchemaValidator(registry.getSchema(SchemaLocation.of(DEFAULT_BASE.toString()), withKnownDialect(root)));
    }

    /** What is wrong with {@code value}, at most a few problems, each with where it is; empty when it matches. */
    public List<String> problems(JsonNode value) {
        return schema.validate(value).stream().limit(PROBLEMS_SHOWN).map(JsonSchemaValidator::describe).toList();
    }

    private static String describe(Error problem) {
        String where = problem.getInstanceLocation().toString();
        String message = problem.getMessage().replaceAll("\\s*\\R\\s*", " ");
        return message.startsWith(where) ? message : where + ": " + message;
    }

    /**
     * The draft that {@code $schema} names; as in Confluent's serdes and the registry, draft-07 when
     * it names none or one not known, and the URL written with or without its trailing {@code #},
     * over http or https.
     */
    private static SpecificationVersion draft(JsonNode schema) {
        return known(schema).orElse(SpecificationVersion.DRAFT_7);
    }

    private static Optional<SpecificationVersion> known(JsonNode schema) {
        String declared = comparable(schema.path("$schema").asText(""));
        return Arrays.stream(SpecificationVersion.values()).filter(v -> comparable(v.getDialectId()).equals(declared))
            .findFirst();
    }

    private static String comparable(String dialectUrl) {
        return dialectUrl.replaceFirst("#$", "").replaceFirst("^https://", "http://");
    }

    /**
     * The schema with {@code $schema} as networknt spells the draft, or without it when it names none
     * known: networknt would otherwise try to load an unknown one as a meta-schema and fail.
     */
    private static JsonNode withKnownDialect(JsonNode schema) {
        if (!schema.isObject() || !schema.has("$schema")) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        known(schema).ifPresentOrElse(v -> copy.put("$schema", v.getDialectId()), () -> copy.remove("$schema"));
        return copy;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
