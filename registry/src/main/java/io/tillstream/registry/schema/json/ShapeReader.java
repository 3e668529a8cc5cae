package io.tillstream.registry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tillstream.registry.schema.json.Shape.Anything;
import io.tillstream.registry.schema.json.Shape.ArrayShape;
import io.tillstream.registry.schema.json.Shape.BooleanShape;
import io.tillstream.registry.schema.json.Shape.Combined;
import io.tillstream.registry.schema.json.Shape.Conditional;
import io.tillstream.registry.schema.json.Shape.ConstShape;
import io.tillstream.registry.schema.json.Shape.Criterion;
import io.tillstream.registry.schema.json.Shape.EnumShape;
import io.tillstream.registry.schema.json.Shape.Not;
import io.tillstream.registry.schema.json.Shape.Nothing;
import io.tillstream.registry.schema.json.Shape.NullShape;
import io.tillstream.registry.schema.json.Shape.NumberShape;
import io.tillstream.registry.schema.json.Shape.ObjectShape;
import io.tillstream.registry.schema.json.Shape.Reference;
import io.tillstream.registry.schema.json.Shape.StringShape;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a schema tree into {@link Shape}s the way the JSON Schema library behind Confluent's rules
 * does, so that the same change gets the same verdict: {@code "type": [a, b]} is an anyOf of one
 * shape per type, keywords of several kinds in one schema (a type and an enum, say) are an implicit
 * allOf, and keywords of a kind without {@code "type"} still make a shape of that kind.
 */
final class ShapeReader {

    private static final Set<String> STRING_KEYWORDS = Set.of("minLength", "maxLength", "pattern");
    private static final Set<String> NUMBER_KEYWORDS = Set.of("minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf");
    private static final Set<String> OBJECT_KEYWORDS = Set.of("properties", "required", "additionalProperties",
        "patternProperties", "minProperties", "maxProperties", "dependencies", "dependentRequired",
        "dependentSchemas", "propertyNames", "unevaluatedProperties");
    private static final Set<String> ARRAY_KEYWORDS = Set.of("items", "additionalItems", "prefixItems", "minItems",
        "maxItems", "uniqueItems", "contains", "minContains", "maxContains", "unevaluatedItems");
    private static final List<String> IMPLICIT_ORDER = List.of("object", "array", "string", "number");

    private final SchemaResources resources;
    private final Draft draft;
    private final Map<JsonNode, Shape> shapes = new IdentityHashMap<>();

    ShapeReader(SchemaResources resources, Draft draft) {
        this.resources = resources;
        this.draft = draft;
    }

    /** The shape of {@code schema}, a node of one of the reader's resources. */
    Shape read(JsonNode schema) {
        Shape known = shapes.get(schema);
        if (known == null) {
            known = readNew(schema);
            shapes.put(schema, known);
        }
        return known;
    }

    private Shape readNew(JsonNode schema) {
        if (schema.isBoolean()) {
            return schema.booleanValue() ? new Anything() : new Nothing();
        }
        if (!schema.isObject()) {
            return new Anything();
        }
        List<Shape> parts = new ArrayList<>();
        JsonNode ref = schema.path("$ref");
        if (ref.isTextual()) {
            URI base = resources.baseOf(schema);
            Shape reference = new Reference(once(() -> read(resources.resolve(ref.asText(), base))));
            // Up to draft-07 a $ref replaces its siblings; from 2019-09 on they apply beside it.
            if (!draft.atLeast(Draft.DRAFT_2019_09)) {
                return reference;
            }
            parts.add(reference);
        }
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            parts.add(typed(type.asText(), schema));
        } else if (type.isArray()) {
            Set<String> types = new LinkedHashSet<>();
            type.forEach(t -> types.add(t.asText()));
            List<Shape> typedShapes = types.stream().map(t -> typed(t, schema)).toList();
            parts.add(typedShapes.size() == 1 ? typedShapes.get(0) : new Combined(Criterion.ANY_OF, typedShapes));
        } else {
            for (String implicit : IMPLICIT_ORDER) {
                if (hasAny(schema, keywordsOf(implicit))) {
                    parts.add(typed(implicit, schema));
                }
            }
        }
        if (schema.path("enum").isArray()) {
            Set<JsonNode> values = new LinkedHashSet<>();
            schema.get("enum").forEach(values::add);
            parts.add(new EnumShape(values));
        }
        if (schema.has("const")) {
            parts.add(new ConstShape(schema.get("const")));
        }
        for (Criterion criterion : Criterion.values()) {
            JsonNode subschemas = schema.path(criterion.keyword());
            if (subschemas.isArray()) {
                // Repeated subschemas count once, as in Confluent's rules.
                Set<JsonNode> distinct = new LinkedHashSet<>();
                subschemas.forEach(distinct::add);
                parts.add(new Combined(criterion, distinct.stream().map(this::read).toList()));
            }
        }
        if (schema.has("not")) {
            parts.add(new Not(read(schema.get("not"))));
        }
        if (schema.has("if")) {
            parts.add(new Conditional());
        }
        if (parts.isEmpty()) {
            return new Anything();
        }
        return parts.size() == 1 ? parts.get(0) : new Combined(Criterion.ALL_OF, List.copyOf(parts));
    }

    private static Set<String> keywordsOf(String type) {
        return switch (type) {
            case "object" -> OBJECT_KEYWORDS;
            case "array" -> ARRAY_KEYWORDS;
            case "string" -> STRING_KEYWORDS;
            default -> NUMBER_KEYWORDS;
        };
    }

    private Shape typed(String type, JsonNode schema) {
        return switch (type) {
            case "string" -> new StringShape(integer(schema, "minLength"), integer(schema, "maxLength"),
                schema.path("pattern").isTextual() ? schema.get("pattern").asText() : null);
            case "integer" -> number(true, schema);
            case "number" -> number(false, schema);
            case "object" -> object(schema);
            case "array" -> array(schema);
            case "boolean" -> new BooleanShape();
            case "null" -> new NullShape();
            default -> new Anything();
        };
    }

    private NumberShape number(boolean integer, JsonNode schema) {
        BigDecimal minimum = decimal(schema, "minimum");
        BigDecimal maximum = decimal(schema, "maximum");
        BigDecimal exclusiveMinimum = decimal(schema, "exclusiveMinimum");
        BigDecimal exclusiveMaximum = decimal(schema, "exclusiveMaximum");
        // Draft-04 makes minimum/maximum exclusive with a boolean; later drafts give the exclusive limit itself.
        if (schema.path("exclusiveMinimum").isBoolean()) {
            exclusiveMinimum = schema.get("exclusiveMinimum").booleanValue() ? minimum : null;
        }
        if (schema.path("exclusiveMaximum").isBoolean()) {
            exclusiveMaximum = schema.get("exclusiveMaximum").booleanValue() ? maximum : null;
        }
        return new NumberShape(integer, minimum, maximum, exclusiveMinimum, exclusiveMaximum, decimal(schema, "multipleOf"));
    }

    private ObjectShape object(JsonNode schema) {
        Map<String, Shape> properties = new LinkedHashMap<>();
        Set<String> withDefault = new LinkedHashSet<>();
        schema.path("properties").properties().forEach(p -> {
            properties.put(p.getKey(), read(p.getValue()));
            if (p.getValue().has("default")) {
                withDefault.add(p.getKey());
            }
        });
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        Map<String, Shape> patternProperties = new LinkedHashMap<>();
        schema.path("patternProperties").properties().forEach(p -> patternProperties.put(p.getKey(), read(p.getValue())));
        Map<String, Set<String>> dependentRequired = new LinkedHashMap<>();
        Map<String, Shape> dependentSchemas = new LinkedHashMap<>();
        String namesKeyword = draft.atLeast(Draft.DRAFT_2019_09) ? "dependentRequired" : "dependencies";
        String schemasKeyword = draft.atLeast(Draft.DRAFT_2019_09) ? "dependentSchemas" : "dependencies";
        schema.path(namesKeyword).properties().stream().filter(d -> d.getValue().isArray()).forEach(d -> {
            Set<String> names = new LinkedHashSet<>();
            d.getValue().forEach(name -> names.add(name.asText()));
            dependentRequired.put(d.getKey(), names);
        });
        schema.path(schemasKeyword).properties().stream().filter(d -> !d.getValue().isArray())
            .forEach(d -> dependentSchemas.put(d.getKey(), read(d.getValue())));
        JsonNode additional = schema.path("additionalProperties");
        return new ObjectShape(properties, required, withDefault, patternProperties,
            !additional.isBoolean() || additional.booleanValue(), additional.isObject() ? read(additional) : null,
            unevaluated(schema, "unevaluatedProperties"), dependentRequired, dependentSchemas,
            integer(schema, "minProperties"), integer(schema, "maxProperties"));
    }

    private ArrayShape array(JsonNode schema) {
        JsonNode items = schema.path("items");
        JsonNode tupleNode = MissingNode.getInstance();
        JsonNode additional = schema.path("additionalItems");
        Shape allItems = null;
        if (draft.atLeast(Draft.DRAFT_2020_12) && schema.has("prefixItems")) {
            // In 2020-12 the tuple is prefixItems and "items" says what may follow it.
            tupleNode = schema.get("prefixItems");
            additional = items;
        } else if (items.isArray()) {
            tupleNode = items;
        } else if (!items.isMissingNode()) {
            allItems = read(items);
        }
        List<Shape> tuple = new ArrayList<>();
        tupleNode.forEach(item -> tuple.add(read(item)));
        boolean contains = draft.atLeast(Draft.DRAFT_2019_09);
        return new ArrayShape(allItems, tuple, !additional.isBoolean() || additional.booleanValue(),
            additional.isObject() ? read(additional) : null, unevaluated(schema, "unevaluatedItems"),
            integer(schema, "minItems"), integer(schema, "maxItems"), schema.path("uniqueItems").asBoolean(false),
            contains ? integer(schema, "minContains") : null, contains ? integer(schema, "maxContains") : null);
    }

    private Shape unevaluated(JsonNode schema, String keyword) {
        return draft.atLeast(Draft.DRAFT_2019_09) && schema.has(keyword) ? read(schema.get(keyword)) : null;
    }

    private static boolean hasAny(JsonNode schema, Set<String> keywords) {
        return keywords.stream().anyMatch(schema::has);
    }

    private static Integer integer(JsonNode schema, String keyword) {
        JsonNode value = schema.path(keyword);
        return value.isNumber() ? value.intValue() : null;
    }

    private static BigDecimal decimal(JsonNode schema, String keyword) {
        JsonNode value = schema.path(keyword);
        return value.isNumber() ? value.decimalValue() : null;
    }

    private static Supplier<Shape> once(Supplier<Shape> compute) {
        Shape[] computed = new Shape[1];
        return () -> {
            if (computed[0] == null) {
                computed[0] = compute.get();
            }
            return computed[0];
        };
    }
}
