package io.tillstream.registry.schema.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.schema.Dependency;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Every schema a {@code $ref} can reach: the schema being parsed, its dependencies (each addressed
 * by its reference's name, as Confluent's serializers name them: the {@code $ref} URL), and the
 * subschemas inside them that carry an {@code $id} or an anchor. Nothing is fetched from the network.
 */
final class SchemaResources {

    /** Where a schema without {@code $id} sits, so that relative names resolve as they do for Confluent. */
    private static final URI DEFAULT_BASE = URI.create("mem://input/");

    /** Keywords whose value is one schema. */
    private static final Set<String> ONE_SCHEMA = Set.of("additionalProperties", "additionalItems", "contains",
        "propertyNames", "not", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems", "contentSchema");
    /** Keywords whose value is an array of schemas. */
    private static final Set<String> SCHEMA_ARRAY = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    /** Keywords whose value maps names to schemas. */
    private static final Set<String> SCHEMA_MAP = Set.of("properties", "patternProperties", "definitions", "$defs",
        "dependentSchemas");

    private final Draft draft;
    private final Map<URI, JsonNode> byUri = new HashMap<>();
    private final Map<JsonNode, URI> baseOf = new IdentityHashMap<>();

    SchemaResources(JsonNode root, Draft draft, Map<String, JsonNode> dependencies) {
        this.draft = draft;
        index(root, DEFAULT_BASE);
        URI declared = baseOf(root);
        for (Map.Entry<String, JsonNode> dependency : dependencies.entrySet()) {
            URI named = resolve(declared, dependency.getKey());
            byUri.put(named, dependency.getValue());
            index(dependency.getValue(), named);
        }
    }

    /** The dependencies of a schema as trees, by reference name. */
    static Map<String, JsonNode> read(List<Dependency> dependencies) {
        Map<String, JsonNode> trees = new HashMap<>();
        dependencies.forEach(d -> trees.put(d.name(), JsonText.read(d.schema())));
        return trees;
    }

    /** The base URI that references inside {@code schema} resolve against. */
    URI baseOf(JsonNode schema) {
        return baseOf.getOrDefault(schema, DEFAULT_BASE);
    }

    /**
     * The schema {@code ref} names, written inside a schema whose base is {@code base}.
     *
     * @throws RegistryException with {@code INVALID_SCHEMA} naming the reference when nothing has that address
     */
    JsonNode resolve(String ref, URI base) {
        URI absolute = resolve(base, ref);
        String fragment = absolute.getRawFragment();
        URI document = withoutFragment(absolute);
        JsonNode found = byUri.get(document);
        if (found != null && fragment != null && !fragment.isEmpty()) {
            found = fragment.startsWith("/")
                ? found.at(JsonPointer.compile(URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8)))
                : byUri.get(absolute);
            if (found != null && found.isMissingNode()) {
                found = null;
            }
        }
        if (found == null) {
            throw RegistryException.invalidSchema("Invalid JSON schema: $ref '" + ref
                + "' names neither a part of the schema nor one of its references");
        }
        return found;
    }

    /** Calls {@code visitor} with every schema inside {@code schema}, itself included, and the base URI of each. */
    void forEachSchema(JsonNode schema, BiConsumer<JsonNode, URI> visitor) {
        walk(schema, baseOf(schema), visitor);
    }

    private void index(JsonNode document, URI base) {
        walk(document, base, (schema, schemaBase) -> {
            baseOf.put(schema, schemaBase);
            byUri.putIfAbsent(schemaBase, schema);
            JsonNode anchor = schema.path("$anchor");
            if (anchor.isTextual() && draft.atLeast(Draft.DRAFT_2019_09)) {
                byUri.put(resolve(schemaBase, "#" + anchor.asText()), schema);
            }
        });
    }

    private void walk(JsonNode schema, URI base, BiConsumer<JsonNode, URI> visitor) {
        if (!schema.isObject()) {
            return;
        }
        URI here = base;
        JsonNode id = schema.path(draft.idKeyword());
        if (id.isTextual()) {
            URI named = resolve(base, id.asText());
            // Before 2019-09 an id that is only a fragment ("#foo") names the schema without moving the base.
            if (id.asText().startsWith("#")) {
                byUri.putIfAbsent(named, schema);
            } else {
                here = withoutFragment(named);
            }
        }
        visitor.accept(schema, here);
        URI inner = here;
        schema.properties().forEach(field -> {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (ONE_SCHEMA.contains(keyword)) {
                walk(value, inner, visitor);
            } else if (SCHEMA_ARRAY.contains(keyword) || keyword.equals("items")) {
                if (value.isArray()) {
                    value.forEach(element -> walk(element, inner, visitor));
                } else {
                    walk(value, inner, visitor);
                }
            } else if (SCHEMA_MAP.contains(keyword) || keyword.equals("dependencies")) {
                // "dependencies" maps to schemas or to arrays of names; walk ignores the arrays.
                value.forEach(element -> walk(element, inner, visitor));
            }
        });
    }

    private static URI resolve(URI base, String reference) {
        try {
            URI ref = new URI(reference);
            return base == null || ref.isAbsolute() ? ref : base.resolve(ref);
        } catch (URISyntaxException e) {
            throw RegistryException.invalidSchema("Invalid JSON schema: '" + reference + "' is not a URI reference");
        }
    }

    private static URI withoutFragment(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
