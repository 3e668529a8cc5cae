package io.tillstream.registry.schema.json;

import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.schema.Dependency;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the registry accepts as a JSON schema, the text it stores, and how it says what is wrong. */
class JsonSchemaParsingTest {

    private static JsonSchema parse(String text) {
        return JsonSchema.parse(text, List.of());
    }

    private static void assertInvalid(ThrowingCallable parsing, String... fragments) {
        assertThatThrownBy(parsing).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SCHEMA);
            assertThat(e.getMessage()).doesNotContain("\n").contains(fragments);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        http://json-schema.org/draft-04/schema#       | {"exclusiveMinimum":true,"minimum":0}           | {"exclusiveMinimum":0}
        http://json-schema.org/draft-06/schema#       | {"exclusiveMinimum":0,"examples":[1]}          | {"exclusiveMinimum":true}
        http://json-schema.org/draft-07/schema#       | {"if":{"type":"string"},"then":{"minLength":1}} | {"if":3}
        https://json-schema.org/draft/2019-09/schema  | {"dependentRequired":{"a":["b"]}}               | {"dependentRequired":{"a":[1]}}
        https://json-schema.org/draft/2020-12/schema  | {"prefixItems":[{"type":"string"}]}             | {"items":[{"type":"string"}]}
        """)
    void eachDraftTakesItsOwnKeywordsAndRefusesWhatItsMetaSchemaForbids(String draft, String valid, String invalid) {
        String declared = "{\"$schema\":\"" + draft + "\",";

        assertThat(parse(declared + valid.substring(1)).canonical()).startsWith(declared);
        assertInvalid(() -> parse(declared + invalid.substring(1)), "Invalid JSON schema (");
    }

    @Test
    void aSchemaWithoutSchemaKeywordIsReadAsDraft07LikeConfluentDoes() {
        assertInvalid(() -> parse("{\"exclusiveMinimum\":true}"), "(draft-07)", "#/exclusiveMinimum");
        assertThat(parse("{\"exclusiveMinimum\":0}").canonical()).isEqualTo("{\"exclusiveMinimum\":0}");
    }

    @Test
    void theStoredTextIsConfluentsCompactFormKeepingKeyOrderAndNumbersAsWritten() {
        JsonSchema schema = parse("{\n  \"type\" : \"object\",\n  \"properties\" : {\n    \"price\" : "
            + "{ \"type\" : \"number\", \"multipleOf\" : 0.010, \"maximum\" : 1e6 }\n  }\n}\n");

        assertThat(schema.canonical()).isEqualTo("{\"type\":\"object\",\"properties\":{\"price\":"
            + "{\"type\":\"number\",\"multipleOf\":0.010,\"maximum\":1E+6}}}");
        assertThat(schema.normalized()).isEqualTo("{\"properties\":{\"price\":"
            + "{\"maximum\":1E+6,\"multipleOf\":0.010,\"type\":\"number\"}},\"type\":\"object\"}");
    }

    @Test
    void whitespaceGivesTheSameTextAndKeyOrderTheSameSchema() {
        JsonSchema compact = parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"maxLength\":3}}}");
        JsonSchema spaced = parse("{ \"type\": \"object\",\r\n\t\"properties\": { \"a\": { \"type\": \"string\", \"maxLength\": 3 } } }");
        JsonSchema reordered = parse("{\"properties\":{\"a\":{\"maxLength\":3,\"type\":\"string\"}},\"type\":\"object\"}");

        assertThat(spaced.canonical()).isEqualTo(compact.canonical());
        assertThat(reordered.canonical()).isNotEqualTo(compact.canonical());
        assertThat(reordered.sameAs(compact)).isTrue();
        assertThat(reordered.normalized()).isEqualTo(compact.normalized());
        assertThat(parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"maxLength\":4}}}")
            .sameAs(compact)).isFalse();
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        assertInvalid(() -> parse("{\n  \"type\": \"object\",\n  \"properties\": {\"a\": }\n}"),
            "Invalid JSON schema: Unexpected character", "at line 3, column 23");
        assertInvalid(() -> parse("{\"type\":\"string\"} trailing"), "at line 1, column");
    }

    @Test
    void aRootThatIsNeitherObjectNorBooleanIsRefused() {
        assertInvalid(() -> parse("[\"string\"]"), "the root must be an object or a boolean, not array");
        assertThat(parse("true").canonical()).isEqualTo("true");
    }

    @Test
    void aRefMustNameAPartOfTheSchemaOrOneOfItsReferences() {
        assertInvalid(() -> parse("{\"properties\":{\"a\":{\"$ref\":\"address.json\"}}}"), "$ref 'address.json'");
        assertInvalid(() -> parse("{\"properties\":{\"a\":{\"$ref\":\"#/definitions/missing\"}}}"),
            "$ref '#/definitions/missing'");

        String address = "{\"type\":\"object\",\"definitions\":{\"street\":{\"type\":\"string\"}}}";
        assertThat(JsonSchema.parse("{\"properties\":{\"a\":{\"$ref\":\"address.json\"},"
            + "\"b\":{\"$ref\":\"address.json#/definitions/street\"},\"c\":{\"$ref\":\"#/definitions/c\"}},"
            + "\"definitions\":{\"c\":{\"type\":\"integer\"}}}", List.of(new Dependency("address.json", address))))
            .isNotNull();
    }

    @Test
    void aRelativeRefResolvesAgainstTheSchemasIdAsTheReferenceNameDoes() {
        String order = "{\"$id\":\"https://example.com/schemas/order.json\",\"properties\":{"
            + "\"customer\":{\"$ref\":\"customer.json\"},\"shop\":{\"$ref\":\"https://example.com/shops/shop.json\"}}}";

        assertThat(JsonSchema.parse(order, List.of(new Dependency("customer.json", "{\"type\":\"object\"}"),
            new Dependency("https://example.com/shops/shop.json", "{\"type\":\"object\"}")))).isNotNull();
        assertInvalid(() -> JsonSchema.parse(order, List.of(new Dependency("customer.json", "{}"))),
            "$ref 'https://example.com/shops/shop.json'");
    }
}
