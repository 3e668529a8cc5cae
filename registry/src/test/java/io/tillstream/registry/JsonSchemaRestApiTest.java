package io.tillstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.testing.KafkaWithRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tillstream.registry.testing.KafkaWithRegistry.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** JSON Schema through the v1 API of a real registry on a real Kafka node, as Confluent's serializers use it. */
class JsonSchemaRestApiTest {

    private static final String ORDER = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Order",
          "type": "object",
          "properties": {
            "invoice_no": {"type": "string", "pattern": "^I[0-9]{6}$"},
            "quantity": {"type": "integer", "minimum": 1}
          },
          "required": ["invoice_no"]
        }
        """;
    private static final String ORDER_REORDERED = "{\"required\":[\"invoice_no\"],\"type\":\"object\",\"properties\":"
        + "{\"quantity\":{\"minimum\":1,\"type\":\"integer\"},\"invoice_no\":{\"pattern\":\"^I[0-9]{6}$\",\"type\":\"string\"}},"
        + "\"title\":\"Order\",\"$schema\":\"http://json-schema.org/draft-07/schema#\"}";

    static Http http;

    @BeforeAll
    static void connect() {
        http = new Http(KafkaWithRegistry.shared().registryUrl());
    }

    private static ObjectNode json(String schema) {
        return Http.JSON.createObjectNode().put("schemaType", "JSON").put("schema", schema);
    }

    private static Http.Response register(String subject, ObjectNode body) {
        return http.post("/subjects/" + subject + "/versions", body.toString());
    }

    private static int registered(String subject, ObjectNode body) {
        Http.Response response = register(subject, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asInt();
    }

    @Test
    void schemaTypesListsJsonBesideAvro() {
        assertThat(http.get("/schemas/types").json().toString()).contains("\"AVRO\"", "\"JSON\"");
    }

    @Test
    void aJsonSchemaIsStoredInConfluentsCompactFormWithItsType() {
        String subject = unique("json-stored-value");
        int id = registered(subject, json(ORDER));

        JsonNode byId = http.get("/schemas/ids/" + id).json();
        assertThat(byId.get("schemaType").asText()).isEqualTo("JSON");
        assertThat(byId.get("schema").asText()).isEqualTo("{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"title\":\"Order\",\"type\":\"object\",\"properties\":{\"invoice_no\":{\"type\":\"string\","
            + "\"pattern\":\"^I[0-9]{6}$\"},\"quantity\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"invoice_no\"]}");
        assertThat(http.get("/subjects/" + subject + "/versions/1").json().get("schemaType").asText()).isEqualTo("JSON");
    }

    @Test
    void reRegisteringWithOtherWhitespaceOrKeyOrderGivesTheSameIdAndVersion() {
        String subject = unique("json-same-value");
        int id = registered(subject, json(ORDER));

        assertThat(registered(subject, json(ORDER.replace("\n", "\r\n  ").replace(": ", ":")))).isEqualTo(id);
        assertThat(registered(subject, json(ORDER_REORDERED))).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
        assertThat(http.post("/subjects/" + subject, json(ORDER_REORDERED).toString()).json().get("version").asInt())
            .isEqualTo(1);
    }

    @Test
    void theSameSchemaWithItsKeysReorderedUnderAnotherSubjectSharesTheIdAndItsText() {
        String first = unique("json-share-a-value");
        String second = unique("json-share-b-value");
        String schema = ORDER.replace("Order", first);
        int id = registered(first, json(schema));

        String reordered = ORDER_REORDERED.replace("Order", first);
        assertThat(registered(second, json(reordered))).isEqualTo(id);
        assertThat(http.get("/subjects/" + second + "/versions/1/schema").body())
            .isEqualTo(http.get("/subjects/" + first + "/versions/1/schema").body());
    }

    @Test
    void aRefToAnotherSubjectResolvesThroughASchemaReference() {
        String addressSubject = unique("json-address");
        String orderSubject = unique("json-order-value");
        registered(addressSubject, json("{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"}}}"));
        String order = "{\"type\":\"object\",\"properties\":{\"ship_to\":{\"$ref\":\"address.json\"}}}";

        ObjectNode withReference = json(order);
        withReference.putArray("references").addObject()
            .put("name", "address.json").put("subject", addressSubject).put("version", 1);
        int id = registered(orderSubject, withReference);

        JsonNode byId = http.get("/schemas/ids/" + id).json();
        assertThat(byId.get("references").get(0).get("subject").asText()).isEqualTo(addressSubject);
        Http.Response missing = register(unique("json-orphan-value"), json(order));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.errorCode()).isEqualTo(42201);
        assertThat(missing.json().get("message").asText()).contains("$ref 'address.json'");
    }

    @Test
    void anIncompatibleChangeIsRefusedWith409AndVerboseCompatibilityNamesTheRule() {
        String subject = unique("json-evolve-value");
        registered(subject, json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"));
        ObjectNode addsOptional = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},"
            + "\"b\":{\"type\":\"string\"}}}");

        JsonNode verdict = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
            addsOptional.toString()).json();
        assertThat(verdict.get("is_compatible").asBoolean()).isFalse();
        assertThat(verdict.get("messages").get(0).asText())
            .startsWith("{errorType:\"OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL\"")
            .contains("'#/properties/b'");

        Http.Response refused = register(subject, addsOptional);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL");

        ObjectNode dropsA = json("{\"type\":\"object\",\"properties\":{}}");
        assertThat(register(subject, dropsA).json().get("id").asInt()).isPositive();
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1,2]");
    }

    @Test
    void aSyntaxErrorIs42201WithLineAndColumn() {
        Http.Response response = register(unique("json-broken-value"), json("{\n  \"type\": \"object\",\n  \"properties\": {,}\n}"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo(42201);
        assertThat(response.json().get("message").asText()).contains("at line 3, column 18");
    }
}
