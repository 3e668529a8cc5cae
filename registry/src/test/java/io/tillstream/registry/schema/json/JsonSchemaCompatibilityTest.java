package io.tillstream.registry.schema.json;

import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.ParsedSchema.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Confluent's JSON Schema compatibility rules, a change per rule: backward means the new schema
 * reads what the old one accepted, forward the reverse. Where a direction is incompatible, the
 * rule that broke is named in its messages.
 */
class JsonSchemaCompatibilityTest {

    private static final String OBJECT_A = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}";
    private static final String CLOSED_A = OBJECT_A + ",\"additionalProperties\":false";

    /** The verdict of a direction in which the change is compatible; otherwise the rule that breaks it. */
    private static final String COMPATIBLE = null;

    static Stream<Arguments> changes() {
        return Stream.of(
            arguments(OBJECT_A + "}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}}",
                "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", COMPATIBLE),
            arguments(OBJECT_A + "}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},\"required\":[\"b\"]}",
                "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", COMPATIBLE),
            arguments(OBJECT_A + "}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{}}}",
                COMPATIBLE, COMPATIBLE),
            arguments(CLOSED_A + "}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},"
                    + "\"additionalProperties\":false}",
                COMPATIBLE, "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"),
            arguments(CLOSED_A + "}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},"
                    + "\"required\":[\"b\"],\"additionalProperties\":false}",
                "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"),
            arguments(CLOSED_A + "}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\",\"default\":\"x\"}},"
                    + "\"required\":[\"b\"],\"additionalProperties\":false}",
                COMPATIBLE, "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"),
            arguments(OBJECT_A + ",\"additionalProperties\":{\"type\":\"string\"}}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},"
                    + "\"additionalProperties\":{\"type\":\"string\"}}",
                COMPATIBLE, COMPATIBLE),
            arguments(OBJECT_A + ",\"additionalProperties\":{\"type\":\"string\"}}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"integer\"}},"
                    + "\"additionalProperties\":{\"type\":\"string\"}}",
                "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"),
            arguments(OBJECT_A + ",\"patternProperties\":{\"^x_\":{\"type\":\"string\"}},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"x_b\":{\"type\":\"integer\"}},"
                    + "\"patternProperties\":{\"^x_\":{\"type\":\"string\"}},\"additionalProperties\":false}",
                "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"),
            arguments(OBJECT_A + "}", OBJECT_A + ",\"required\":[\"a\"]}",
                "REQUIRED_ATTRIBUTE_ADDED", COMPATIBLE),
            arguments(OBJECT_A + "}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"default\":\"x\"}},\"required\":[\"a\"]}",
                COMPATIBLE, COMPATIBLE),
            arguments(OBJECT_A + "}", CLOSED_A + "}",
                "ADDITIONAL_PROPERTIES_REMOVED", COMPATIBLE),
            arguments(OBJECT_A + "}",
                OBJECT_A + ",\"additionalProperties\":{\"type\":\"string\"}}",
                "ADDITIONAL_PROPERTIES_NARROWED", COMPATIBLE),
            arguments(OBJECT_A + "}", OBJECT_A + ",\"dependencies\":{\"a\":[\"b\"]}}",
                "DEPENDENCY_ARRAY_ADDED", COMPATIBLE),
            arguments(OBJECT_A + ",\"minProperties\":1}", OBJECT_A + ",\"minProperties\":2}",
                "MIN_PROPERTIES_INCREASED", COMPATIBLE),
            arguments("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\"}",
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\",\"unevaluatedProperties\":false}",
                "UNEVALUATED_PROPERTIES_REMOVED", COMPATIBLE),
            arguments("{\"type\":\"string\"}", "{\"type\":\"integer\"}",
                "TYPE_CHANGED", "TYPE_CHANGED"),
            arguments("{\"type\":\"number\"}", "{\"type\":\"integer\"}",
                "TYPE_NARROWED", COMPATIBLE),
            arguments("{\"type\":\"string\"}", "{\"type\":[\"string\",\"null\"]}",
                COMPATIBLE, "TYPE_CHANGED"),
            arguments("{\"type\":\"string\",\"maxLength\":10}",
                "{\"type\":\"string\",\"maxLength\":5}",
                "MAX_LENGTH_DECREASED", COMPATIBLE),
            arguments("{\"type\":\"string\"}", "{\"type\":\"string\",\"maxLength\":5}",
                "MAX_LENGTH_ADDED", COMPATIBLE),
            arguments("{\"type\":\"string\",\"minLength\":1}",
                "{\"type\":\"string\",\"minLength\":3}",
                "MIN_LENGTH_INCREASED", COMPATIBLE),
            arguments("{\"type\":\"string\",\"pattern\":\"^a\"}",
                "{\"type\":\"string\",\"pattern\":\"^b\"}",
                "PATTERN_CHANGED", "PATTERN_CHANGED"),
            arguments("{\"type\":\"integer\",\"maximum\":100}",
                "{\"type\":\"integer\",\"maximum\":50}",
                "MAXIMUM_DECREASED", COMPATIBLE),
            arguments("{\"type\":\"number\"}", "{\"type\":\"number\",\"exclusiveMinimum\":0}",
                "EXCLUSIVE_MINIMUM_ADDED", COMPATIBLE),
            arguments("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"number\",\"maximum\":10}",
                "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"number\",\"maximum\":10,"
                    + "\"exclusiveMaximum\":true}",
                "EXCLUSIVE_MAXIMUM_ADDED", COMPATIBLE),
            arguments("{\"type\":\"number\",\"multipleOf\":2}",
                "{\"type\":\"number\",\"multipleOf\":4}",
                "MULTIPLE_OF_EXPANDED", COMPATIBLE),
            arguments("{\"enum\":[\"a\",\"b\",\"c\"]}", "{\"enum\":[\"a\",\"b\"]}",
                "ENUM_ARRAY_NARROWED", COMPATIBLE),
            arguments("{\"const\":\"a\"}", "{\"const\":\"b\"}",
                "ENUM_ARRAY_CHANGED", "ENUM_ARRAY_CHANGED"),
            arguments("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
                "{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"},{\"type\":\"boolean\"}]}",
                COMPATIBLE, "SUM_TYPE_NARROWED"),
            arguments("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
                "{\"allOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
                "COMBINED_TYPE_CHANGED", "COMBINED_TYPE_CHANGED"),
            arguments("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
                "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
                COMPATIBLE, "COMBINED_TYPE_CHANGED"),
            arguments("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
                "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"boolean\"}]}",
                "COMBINED_TYPE_SUBSCHEMAS_CHANGED", "COMBINED_TYPE_SUBSCHEMAS_CHANGED"),
            arguments("{\"allOf\":[{\"type\":\"string\"},{\"maxLength\":5}]}", "{\"type\":\"string\"}",
                COMPATIBLE, "TYPE_CHANGED"),
            arguments("{\"not\":{\"type\":\"string\"}}", "{\"not\":{\"type\":[\"string\",\"null\"]}}",
                "NOT_TYPE_EXTENDED", COMPATIBLE),
            arguments("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}",
                "{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}",
                "TYPE_CHANGED", "TYPE_CHANGED"),
            arguments("{\"type\":\"array\"}", "{\"type\":\"array\",\"uniqueItems\":true}",
                "UNIQUE_ITEMS_ADDED", COMPATIBLE),
            arguments("{\"type\":\"array\",\"maxItems\":3}", "{\"type\":\"array\",\"maxItems\":2}",
                "MAX_ITEMS_DECREASED", COMPATIBLE),
            arguments("{\"type\":\"array\",\"items\":[{\"type\":\"string\"}]}",
                "{\"type\":\"array\",\"items\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
                "ITEM_ADDED_TO_OPEN_CONTENT_MODEL", COMPATIBLE),
            arguments("{\"type\":\"array\",\"items\":[{\"type\":\"string\"}],\"additionalItems\":false}",
                "{\"type\":\"array\",\"items\":[{\"type\":\"string\"},{\"type\":\"integer\"}],\"additionalItems\":false}",
                COMPATIBLE, "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL"),
            arguments("{\"type\":\"array\",\"items\":[{\"type\":\"string\"}]}",
                "{\"type\":\"array\",\"items\":[{\"type\":\"string\"}],\"additionalItems\":false}",
                "ADDITIONAL_ITEMS_REMOVED", COMPATIBLE));
    }

    @ParameterizedTest(name = "{0} -> {1}: backward {2}, forward {3}")
    @MethodSource("changes")
    void eachChangeGetsConfluentsVerdictInBothDirectionsAndNamesTheRuleThatBroke(
        String oldSchema, String newSchema, String backwardRule, String forwardRule) {
        JsonSchema old = JsonSchema.parse(oldSchema, List.of());
        JsonSchema updated = JsonSchema.parse(newSchema, List.of());

        assertVerdict(updated.incompatibilities(old, Direction.BACKWARD), backwardRule);
        assertVerdict(updated.incompatibilities(old, Direction.FORWARD), forwardRule);
    }

    private static void assertVerdict(List<String> problems, String rule) {
        if (rule == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("{errorType:\"" + rule + "\""));
        }
    }

    @Test
    void aMessageIsWordedAsConfluentWordsItWithThePathAndWhichSideIsWhich() {
        JsonSchema old = JsonSchema.parse("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":10}}}", List.of());
        JsonSchema updated = JsonSchema.parse("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":5}}}", List.of());

        assertThat(updated.incompatibilities(old, Direction.BACKWARD)).containsExactly("{errorType:\"MAX_LENGTH_DECREASED\","
            + " description:\"The value at path '#/properties/name/maxLength' in the new schema is less than its value"
            + " in the old schema'}");
        assertThat(old.incompatibilities(updated, Direction.FORWARD)).containsExactly("{errorType:\"MAX_LENGTH_DECREASED\","
            + " description:\"The value at path '#/properties/name/maxLength' in the old schema is less than its value"
            + " in the new schema'}");
    }

    @Test
    void aChangeInsideAReferencedSchemaIsFoundThroughTheRef() {
        String order = "{\"type\":\"object\",\"properties\":{\"address\":{\"$ref\":\"address.json\"}}}";
        JsonSchema old = JsonSchema.parse(order, List.of(new Dependency("address.json",
            "{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"}}}")));
        JsonSchema updated = JsonSchema.parse(order, List.of(new Dependency("address.json",
            "{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"integer\"}}}")));

        assertThat(updated.incompatibilities(old, Direction.BACKWARD)).singleElement().asString()
            .contains("TYPE_CHANGED").contains("#/properties/address/properties/street");
    }

    @Test
    void recursiveSchemasAreComparedWithoutEndlessDescent() {
        String node = "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"%s\"},\"next\":{\"$ref\":\"#\"}}}";
        JsonSchema strings = JsonSchema.parse(node.formatted("string"), List.of());
        JsonSchema integers = JsonSchema.parse(node.formatted("integer"), List.of());

        assertThat(strings.incompatibilities(JsonSchema.parse(node.formatted("string"), List.of()), Direction.BACKWARD))
            .isEmpty();
        assertThat(integers.incompatibilities(strings, Direction.BACKWARD)).singleElement().asString()
            .contains("TYPE_CHANGED").contains("#/properties/value");
    }
}
