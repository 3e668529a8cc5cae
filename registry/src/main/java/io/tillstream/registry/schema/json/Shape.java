package io.tillstream.registry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a (sub)schema accepts, in the kinds Confluent's compatibility rules compare: two schemas of
 * different kinds are a type change, two of the same kind are compared keyword by keyword.
 * Records compare by identity in the rules (schemas can be recursive), never with {@code equals}.
 */
sealed interface Shape {

    /** {@code true} or a schema without assertions. */
    record Anything() implements Shape {
    }

    /** {@code false}. */
    record Nothing() implements Shape {
    }

    record NullShape() implements Shape {
    }

    record BooleanShape() implements Shape {
    }

    record StringShape(Integer minLength, Integer maxLength, String pattern) implements Shape {
    }

    /** {@code number}, or {@code integer} when {@code integer}; a null bound is absent. */
    record NumberShape(boolean integer, BigDecimal minimum, BigDecimal maximum, BigDecimal exclusiveMinimum,
                       BigDecimal exclusiveMaximum, BigDecimal multipleOf) implements Shape {
    }

    /**
     * An object's keywords. {@code additionalAllowed} is false for {@code additionalProperties: false};
     * {@code additionalSchema} is the schema of {@code additionalProperties} when it is one; a null
     * {@code unevaluated} is absent.
     */
    record ObjectShape(Map<String, Shape> properties, Set<String> required, Set<String> withDefault,
                       Map<String, Shape> patternProperties, boolean additionalAllowed, Shape additionalSchema,
                       Shape unevaluated, Map<String, Set<String>> dependentRequired,
                       Map<String, Shape> dependentSchemas, Integer minProperties, Integer maxProperties)
        implements Shape {
    }

    /**
     * An array's keywords: {@code items} is the schema of every item, {@code tuple} the schemas by
     * position (array-form {@code items} or {@code prefixItems}), then what items after the tuple may be.
     */
    record ArrayShape(Shape items, List<Shape> tuple, boolean additionalAllowed, Shape additionalSchema,
                      Shape unevaluated, Integer minItems, Integer maxItems, boolean uniqueItems,
                      Integer minContains, Integer maxContains) implements Shape {
    }

    record EnumShape(Set<JsonNode> values) implements Shape {
    }

    record ConstShape(JsonNode value) implements Shape {
    }

    /** {@code allOf}, {@code anyOf} or {@code oneOf}; also several keyword groups in one schema (an implicit allOf). */
    record Combined(Criterion criterion, List<Shape> subschemas) implements Shape {
    }

    record Not(Shape schema) implements Shape {
    }

    /** {@code if}/{@code then}/{@code else}, which Confluent's rules compare by kind only. */
    record Conditional() implements Shape {
    }

    /** A {@code $ref}, resolved on first use so that recursive schemas can be read. */
    record Reference(Supplier<Shape> target) implements Shape {
    }

    enum Criterion {
        ALL_OF("allOf"), ANY_OF("anyOf"), ONE_OF("oneOf");

        private final String keyword;

        Criterion(String keyword) {
            this.keyword = keyword;
        }

        String keyword() {
            return keyword;
        }
    }
}
