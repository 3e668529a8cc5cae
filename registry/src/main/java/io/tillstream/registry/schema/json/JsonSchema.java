package io.tillstream.registry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.ParsedSchema;

import java.util.List;
import java.util.Locale;

/**
 * A JSON Schema (draft-04 to 2020-12) checked against its draft's meta-schema, its references
 * resolved, in the forms the registry stores and compares.
 *
 * <p>The stored text is what Confluent's registry stores: the schema written compactly with its
 * keys in the order given, so a {@code _schemas} topic moves between the two registries unchanged
 * and whitespace never makes a new schema. Key order is meaningless in JSON, so {@link #sameAs}
 * ignores it: registering the same schema with its keys reordered finds the registered version.
 */
public final class JsonSchema implements ParsedSchema {

    public static final String TYPE = "JSON";

    private final String canonical;
    private final String normalized;
    private final Shape shape;

    private JsonSchema(String canonical, String normalized, Shape shape) {
        this.canonical = canonical;
        this.normalized = normalized;
        this.shape = shape;
    }

    /**
     * Parses {@code text}, whose {@code $ref}s may name parts of itself or {@code dependencies} (by
     * reference name, resolved against the schema's {@code $id} as Confluent resolves them).
     *
     * @throws RegistryException with {@code INVALID_SCHEMA} if the text is not JSON (naming line and
     *                           column), not a schema of its draft, or refers to a schema it was not given
     */
    public static JsonSchema parse(String text, List<Dependency> dependencies) {
        JsonNode root = JsonText.read(text);
        if (root == null || !root.isObject() && !root.isBoolean()) {
            throw RegistryException.invalidSchema("Invalid JSON schema: the root must be an object or a boolean, not "
                + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        String canonical = JsonText.compact(root);
        Draft draft = Draft.of(root);
        MetaSchemas.requireValid(canonical, draft);
        SchemaResources resources = new SchemaResources(root, draft, SchemaResources.read(dependencies));
        resources.forEachSchema(root, (schema, base) -> {
            JsonNode ref = schema.path("$ref");
            if (ref.isTextual()) {
                resources.resolve(ref.asText(), base);
            }
        });
        return new JsonSchema(canonical, JsonText.sorted(root), new ShapeReader(resources, draft).read(root));
    }

    @Override
    public String schemaType() {
        return TYPE;
    }

    @Override
    public String canonical() {
        return canonical;
    }

    /** Every object's keys sorted, as Confluent stores a JSON schema registered with {@code normalize=true}. */
    @Override
    public String normalized() {
        return normalized;
    }

    /** The same schema up to key order. */
    @Override
    public boolean sameAs(ParsedSchema other) {
        return other instanceof JsonSchema json && normalized.equals(json.normalized);
    }

    @Override
    public List<String> incompatibilities(ParsedSchema previous, Direction direction) {
        Shape old = ((JsonSchema) previous).shape;
        return direction == Direction.BACKWARD
            ? problems(Comparison.changes(old, shape), "new", "old")
            : problems(Comparison.changes(shape, old), "old", "new");
    }

    private static List<String> problems(List<Change> changes, String reader, String writer) {
        return changes.stream().filter(c -> !c.type().compatible()).map(c -> c.message(reader, writer)).toList();
    }
}
