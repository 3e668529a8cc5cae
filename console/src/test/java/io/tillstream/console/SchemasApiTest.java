package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The Schema Registry pages' API against the real registry, over HTTP as the browser calls it. */
@ExtendWith(Environment.Extension.class)
class SchemasApiTest {

    private static final String V1 = """
        {"type": "record", "name": "Sale", "namespace": "test", "fields": [
          {"name": "invoice_no", "type": "string"}, {"name": "quantity", "type": "int"}]}""";
    private static final String V2 = """
        {"type": "record", "name": "Sale", "namespace": "test", "fields": [
          {"name": "invoice_no", "type": "string"}, {"name": "quantity", "type": "int"},
          {"name": "email", "type": ["null", "string"], "default": null}]}""";
    /** A new field without a default: a reader of this schema cannot read what V1 wrote. */
    private static final String WITHOUT_DEFAULT = """
        {"type": "record", "name": "Sale", "namespace": "test", "fields": [
          {"name": "invoice_no", "type": "string"}, {"name": "quantity", "type": "int"},
          {"name": "loyalty_card", "type": "string"}]}""";

    private static String newSubject() {
        return "sales-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
    }

    private static String path(String subject) {
        return "/api/v1/schemas/subjects/" + subject;
    }

    private static Client.Response register(Client client, String subject, String schema) {
        return client.post(path(subject) + "/versions", Map.of("schema", schema));
    }

    private static List<Integer> versions(Client client, String subject) {
        return StreamSupport.stream(client.get(path(subject)).body().get("versions").spliterator(), false)
            .map(JsonNode::asInt).toList();
    }

    private static void assertError(Client.Response response, int status, String code, String... words) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().at("/error/code").asText()).isEqualTo(code);
        assertThat(response.body().at("/error/message").asText()).isNotBlank();
        for (String word : words) {
            assertThat(response.body().at("/error/message").asText()).contains(word);
        }
        assertThat(response.text()).doesNotContain("Exception:", "\tat ");
    }

    @Test
    void twoVersionsRegisteredThroughTheConsoleAreListedAndTheirDiffShowsTheAddedField(Environment env) {
        Client client = new Client(env.console().url());
        String subject = newSubject();

        Client.Response first = register(client, subject, V1);
        Client.Response second = register(client, subject, V2);
        Client.Response again = register(client, subject, V2);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.body().get("version").asInt()).isEqualTo(1);
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(second.body().get("version").asInt()).isEqualTo(2);
        assertThat(again.status()).as("a schema the subject holds is not registered twice").isEqualTo(200);
        assertThat(again.body().get("created").asBoolean()).isFalse();
        assertThat(again.body().get("id").asInt()).isEqualTo(second.body().get("id").asInt());

        JsonNode rows = client.get("/api/v1/schemas/subjects?search=" + subject.substring(0, 14).toUpperCase()).body();
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("subject").asText()).isEqualTo(subject);
        assertThat(row.get("latestVersion").asInt()).isEqualTo(2);
        assertThat(row.get("id").asInt()).isEqualTo(second.body().get("id").asInt());
        assertThat(row.get("type").asText()).isEqualTo("AVRO");
        assertThat(row.get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(row.get("compatibilityInherited").asBoolean()).isTrue();

        JsonNode detail = client.get(path(subject)).body();
        assertThat(versions(client, subject)).containsExactly(1, 2);
        assertThat(detail.get("compatibilityInherited").asBoolean()).isTrue();
        assertThat(detail.get("globalCompatibility").asText()).isEqualTo("BACKWARD");

        JsonNode version = client.get(path(subject) + "/versions/1").body();
        assertThat(version.get("id").asInt()).isEqualTo(first.body().get("id").asInt());
        assertThat(version.get("schema").asText()).as("laid out a field a line")
            .contains("\n    {\"name\": \"invoice_no\", \"type\": \"string\"},\n");
        assertThat(client.get(path(subject) + "/versions/latest").body().get("version").asInt()).isEqualTo(2);

        JsonNode diff = client.get(path(subject) + "/diff?from=1&to=2").body();
        assertThat(diff.at("/from/version").asInt()).isEqualTo(1);
        assertThat(diff.at("/to/version").asInt()).isEqualTo(2);
        List<JsonNode> lines = StreamSupport.stream(diff.get("lines").spliterator(), false).toList();
        assertThat(lines).filteredOn(l -> l.get("kind").asText().equals("added"))
            .anySatisfy(l -> assertThat(l.get("text").asText()).contains("\"name\": \"email\"", "\"default\": null"))
            .allSatisfy(l -> assertThat(l.get("from").isNull()).isTrue());
        assertThat(lines).filteredOn(l -> !l.get("kind").asText().equals("added"))
            .noneSatisfy(l -> assertThat(l.get("text").asText()).contains("email"));
        assertThat(lines).filteredOn(l -> l.get("kind").asText().equals("same"))
            .anySatisfy(l -> assertThat(l.get("text").asText()).contains("invoice_no"));
        assertThat(diff.get("added").asInt()).isEqualTo((int) lines.stream()
            .filter(l -> l.get("kind").asText().equals("added")).count()).isPositive();
    }

    @Test
    void anIncompatibleSchemaIsRefusedUnderBackwardAndRegisteredOnceTheLevelIsNone(Environment env) {
        Client client = new Client(env.console().url());
        String subject = newSubject();
        assertThat(register(client, subject, V1).status()).isEqualTo(201);

        JsonNode verdict = client.post(path(subject) + "/check", Map.of("schema", WITHOUT_DEFAULT)).body();
        assertThat(verdict.get("compatible").asBoolean()).isFalse();
        assertThat(verdict.get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(verdict.get("version").asInt()).isEqualTo(1);
        assertThat(verdict.get("reasons").toString()).contains("loyalty_card").doesNotContain("oldSchema");

        assertError(register(client, subject, WITHOUT_DEFAULT), 409, "schema_incompatible", "BACKWARD", "loyalty_card");
        assertThat(versions(client, subject)).as("nothing registered").containsExactly(1);

        Client.Response changed = client.put(path(subject) + "/compatibility", Map.of("compatibility", "NONE"));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        JsonNode detail = client.get(path(subject)).body();
        assertThat(detail.get("compatibility").asText()).isEqualTo("NONE");
        assertThat(detail.get("compatibilityInherited").asBoolean()).isFalse();
        assertThat(client.post(path(subject) + "/check", Map.of("schema", WITHOUT_DEFAULT)).body()
            .get("compatible").asBoolean()).isTrue();
        Client.Response registered = register(client, subject, WITHOUT_DEFAULT);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(versions(client, subject)).containsExactly(1, 2);

        assertThat(client.delete(path(subject) + "/compatibility").status()).isEqualTo(200);
        detail = client.get(path(subject)).body();
        assertThat(detail.get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(detail.get("compatibilityInherited").asBoolean()).isTrue();
    }

    @Test
    void badRequestsAndUnknownSubjectsAreAnsweredWithClearErrors(Environment env) {
        Client client = new Client(env.console().url());
        String subject = newSubject();
        assertThat(register(client, subject, V1).status()).isEqualTo(201);

        assertError(register(client, subject, "{\"type\": \"record\", \"name\": "), 422, "invalid_schema",
            "not valid JSON", "line 1");
        assertError(client.post(path(subject) + "/check", Map.of("schema",
            "{\"type\": \"record\", \"name\": \"Sale\", \"fields\": [{\"name\": \"x\", \"type\": \"money\"}]}")),
            422, "invalid_schema", "money");
        assertError(register(client, subject, " "), 400, "bad_request", "schema is empty");
        assertError(client.get(path("no-such-subject-" + UUID.randomUUID())), 404, "subject_not_found");
        assertError(client.get(path(subject) + "/versions/7"), 404, "version_not_found");
        assertError(client.get(path(subject) + "/diff?from=1&to=two"), 400, "bad_request", "to", "'two'");
        assertError(client.put(path(subject) + "/compatibility", Map.of("compatibility", "SIDEWAYS")), 400,
            "bad_request", "FULL_TRANSITIVE", "'SIDEWAYS'");
        assertThat(versions(client, subject)).containsExactly(1);
    }

    @Test
    void protobufAndJsonSchemasAreRegisteredWithTheirTypeAndReferencesAndShownAsText(Environment env) {
        Client client = new Client(env.console().url());
        String item = newSubject().replace("-value", ".proto");
        Client.Response imported = client.post(path(item) + "/versions", Map.of("schemaType", "PROTOBUF",
            "schema", "syntax = \"proto3\";\npackage shop;\nmessage Item { string sku = 1; }\n"));
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String orders = newSubject();
        String order = "syntax = \"proto3\";\npackage shop;\nimport \"" + item + "\";\nmessage Order { repeated Item items = 1; }\n";
        Client.Response registered = client.post(path(orders) + "/versions", Map.of("schemaType", "PROTOBUF", "schema", order,
            "references", List.of(Map.of("name", item, "subject", item, "version", 1))));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);

        JsonNode version = client.get(path(orders) + "/versions/1").body();
        assertThat(version.get("type").asText()).isEqualTo("PROTOBUF");
        assertThat(version.get("schema").asText()).contains("message Order {").contains("import \"" + item + "\";");
        assertThat(version.at("/references/0/subject").asText()).isEqualTo(item);
        assertError(client.post(path(newSubject()) + "/versions", Map.of("schemaType", "PROTOBUF", "schema", "message {")),
            422, "invalid_schema", "line 1");

        String people = newSubject();
        String person = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"additionalProperties\":false}";
        assertThat(client.post(path(people) + "/versions", Map.of("schemaType", "JSON", "schema", person)).status()).isEqualTo(201);
        Client.Response narrowed = client.post(path(people) + "/check", Map.of("schemaType", "JSON",
            "schema", person.replace("\"string\"", "\"integer\"")));
        assertThat(narrowed.body().get("compatible").asBoolean()).isFalse();
        assertThat(narrowed.body().get("reasons").toString()).contains("TYPE_CHANGED");
        assertError(client.post(path(people) + "/versions", Map.of("schemaType", "XML", "schema", "<a/>")),
            400, "bad_request", "schemaType");
    }

    @Test
    void aReadOnlyConsoleShowsTheSchemasButRefusesToRegisterOrChangeTheLevel(Environment env) {
        Client client = new Client(env.console().url());
        String subject = newSubject();
        assertThat(register(client, subject, V1).status()).isEqualTo(201);

        try (ControlCenter readOnly = env.startConsole(Map.of(ConsoleConfig.READ_ONLY_CONFIG, true))) {
            Client viewer = new Client(readOnly.url());
            assertThat(viewer.get("/api/v1/schemas/subjects?search=" + subject).body()).hasSize(1);

            assertError(register(viewer, subject, V2), 403, "read_only");
            assertError(viewer.put(path(subject) + "/compatibility", Map.of("compatibility", "NONE")), 403, "read_only");
            assertError(viewer.post(path(subject) + "/compatibility", Map.of("compatibility", "NONE")), 403, "read_only");
        }
        assertThat(versions(client, subject)).containsExactly(1);
        assertThat(client.get(path(subject)).body().get("compatibilityInherited").asBoolean()).isTrue();
    }

    @Test
    void aRegistryOutOfReachIsReportedAsSuch(Environment env) {
        try (ControlCenter orphan = env.startConsole(Map.of(ConsoleConfig.REGISTRY_URL_CONFIG, "http://127.0.0.1:1"))) {
            assertError(new Client(orphan.url()).get("/api/v1/schemas/subjects"), 502, "registry_unavailable",
                "127.0.0.1:1", "--registry-url");
        }
    }
}
