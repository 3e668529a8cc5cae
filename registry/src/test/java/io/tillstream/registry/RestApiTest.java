package io.tillstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tillstream.registry.Http.body;
import static io.tillstream.registry.Schemas.SALE_BREAKING;
import static io.tillstream.registry.Schemas.SALE_V1;
import static io.tillstream.registry.Schemas.SALE_V2;
import static io.tillstream.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint and error code of the v1 API, against a server on a real Kafka cluster. */
class RestApiTest {

    @TempDir
    static Path dataDir;
    static LocalCluster cluster;
    static SchemaRegistryServer server;
    static Http http;

    @BeforeAll
    static void startRegistry() {
        cluster = TestClusters.start(dataDir, 1);
        server = SchemaRegistryServer.create(new RegistryConfig(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0")));
        server.start();
        http = new Http(server.url());
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int register(String subject, String schema) {
        Http.Response response = http.post("/subjects/" + subject + "/versions", body(schema));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asInt();
    }

    @Test
    void theRootAnswersAnEmptyObjectAndTheSchemaTypesAreAvroJsonAndProtobuf() {
        assertThat(http.get("/").body()).isEqualTo("{}");
        assertThat(http.get("/schemas/types").json().toString()).isEqualTo("[\"AVRO\",\"JSON\",\"PROTOBUF\"]");
    }

    @Test
    void aRegisteredSchemaCanBeReadByIdBySubjectVersionAndAsRawText() {
        int id = register("root-value", SALE_V1);

        Http.Response byId = http.get("/schemas/ids/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.contentType()).startsWith(Http.V1);
        String canonical = byId.json().get("schema").asText();
        assertThat(canonical).doesNotContain("\n").contains("\"name\":\"Sale\"");
        assertThat(byId.json().has("schemaType")).isFalse();

        JsonNode version = http.get("/subjects/root-value/versions/1").json();
        assertThat(version.toString()).isEqualTo("{\"subject\":\"root-value\",\"version\":1,\"id\":" + id
            + ",\"schema\":" + Http.JSON.valueToTree(canonical) + "}");
        assertThat(http.get("/subjects/root-value/versions/latest").json()).isEqualTo(version);
        assertThat(http.get("/subjects/root-value/versions/-1").json()).isEqualTo(version);
        assertThat(http.get("/subjects/root-value/versions/1/schema").body()).isEqualTo(canonical);
        assertThat(http.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(canonical);
        // Other tests register the sale schema too, under their own subjects: it is one ID for all.
        assertThat(http.get("/schemas/ids/" + id + "/subjects").json().toString()).contains("\"root-value\"");
        assertThat(http.get("/schemas/ids/" + id + "/versions").json().toString())
            .contains("{\"subject\":\"root-value\",\"version\":1}");
        assertThat(http.get("/subjects/root-value/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void theSameSchemaWithOtherWhitespaceAndAttributeOrderGetsTheSameIdAndVersion() {
        int id = register("same-value", "{\"type\":\"record\",\"name\":\"Same\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        int again = register("same-value", "{ \"fields\" : [ { \"type\" : \"int\", \"name\" : \"a\" } ],\n \"name\":\"Same\", \"type\":\"record\" }");

        assertThat(again).isEqualTo(id);
        assertThat(http.get("/subjects/same-value/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void theSameSchemaUnderTwoSubjectsSharesOneIdAndANewSchemaGetsTheNextId() {
        int first = register("share-a-value", record("Shared"));
        int second = register("share-b-value", record("Shared"));
        int other = register("share-c-value", record("NotShared"));

        assertThat(second).isEqualTo(first);
        assertThat(other).isGreaterThan(first);
        assertThat(http.get("/schemas/ids/" + first + "/subjects").json().toString())
            .isEqualTo("[\"share-a-value\",\"share-b-value\"]");
    }

    @Test
    void aCompatibleChangeBecomesVersionTwoAndAnIncompatibleOneIsRefusedWith409() {
        register("evolve-value", SALE_V1);
        register("evolve-value", SALE_V2);

        Http.Response refused = http.post("/subjects/evolve-value/versions", body(SALE_BREAKING));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.json().get("message").asText())
            .contains("incompatible with an earlier schema for subject \"evolve-value\"")
            .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("'age'");
        assertThat(http.get("/subjects/evolve-value/versions").json().toString()).isEqualTo("[1,2]");
    }

    @Test
    void compatibilityChecksAnswerWhetherAndVerboselyWhy() {
        register("compat-value", SALE_V1);

        assertThat(http.post("/compatibility/subjects/compat-value/versions/latest", body(SALE_V2)).body())
            .isEqualTo("{\"is_compatible\":true}");
        assertThat(http.post("/compatibility/subjects/compat-value/versions", body(SALE_BREAKING)).body())
            .isEqualTo("{\"is_compatible\":false}");
        JsonNode verbose = http.post("/compatibility/subjects/compat-value/versions/1?verbose=true", body(SALE_BREAKING)).json();
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").toString()).contains("The field 'age' at path '/fields/4' in the new schema"
            + " has no default value and is missing in the old schema").contains("{oldSchemaVersion: 1}")
            .contains("compatibility: 'BACKWARD'");
        JsonNode invalid = http.post("/compatibility/subjects/compat-value/versions/1?verbose=true", body("{\"type\":")).json();
        assertThat(invalid.get("is_compatible").asBoolean()).isFalse();
        assertThat(http.post("/compatibility/subjects/compat-value/versions/7", body(SALE_V2)).errorCode()).isEqualTo(40402);
        assertThat(http.post("/compatibility/subjects/compat-value/versions/x", body(SALE_V2)).errorCode()).isEqualTo(42202);
        // Confluent answers a numbered version of a subject it does not have as a missing version.
        assertThat(http.post("/compatibility/subjects/nothing-here/versions/1", body(SALE_V2)).errorCode()).isEqualTo(40402);
        assertThat(http.post("/compatibility/subjects/nothing-here/versions/latest", body(SALE_V2)).body())
            .isEqualTo("{\"is_compatible\":true}");
    }

    @Test
    void everyCompatibilityLevelIsDecidedByAvrosChecker() {
        String base = record("Level");
        String addedWithoutDefault = "{\"type\":\"record\",\"name\":\"Level\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"},"
            + "{\"name\":\"g\",\"type\":\"int\"}]}";
        String removedField = "{\"type\":\"record\",\"name\":\"Level\",\"fields\":[]}";
        Map<String, List<Boolean>> expected = Map.of(
            // [adding a field without default, removing a field without default]
            "BACKWARD", List.of(false, true),
            "BACKWARD_TRANSITIVE", List.of(false, true),
            "FORWARD", List.of(true, false),
            "FORWARD_TRANSITIVE", List.of(true, false),
            "FULL", List.of(false, false),
            "FULL_TRANSITIVE", List.of(false, false),
            "NONE", List.of(true, true));
        expected.forEach((level, answers) -> {
            String subject = "level-" + level.toLowerCase() + "-value";
            register(subject, base);
            assertThat(http.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}").body())
                .isEqualTo("{\"compatibility\":\"" + level + "\"}");
            List<Boolean> actual = new ArrayList<>();
            for (String candidate : List.of(addedWithoutDefault, removedField)) {
                actual.add(http.post("/compatibility/subjects/" + subject + "/versions/latest", body(candidate))
                    .json().get("is_compatible").asBoolean());
            }
            assertThat(actual).as(level).isEqualTo(answers);
        });
    }

    @Test
    void transitiveLevelsCheckEveryLiveVersionNotJustTheLatest() {
        String v1 = "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
        String v2 = "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":0}]}";
        String v3 = "{\"type\":\"record\",\"name\":\"T\",\"fields\":[]}";
        http.put("/config/trans-value", "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        register("trans-value", v1);
        register("trans-value", v2);

        // v3 drops a: v2 (default 0) can read v3's data, v1 (no default) cannot.
        assertThat(http.post("/compatibility/subjects/trans-value/versions/2", body(v3)).json().get("is_compatible").asBoolean())
            .isTrue();
        assertThat(http.post("/subjects/trans-value/versions", body(v3)).status()).isEqualTo(409);
        http.put("/config/trans-value", "{\"compatibility\":\"FORWARD\"}");
        assertThat(http.post("/subjects/trans-value/versions", body(v3)).status()).isEqualTo(200);
    }

    @Test
    void lookingUpASchemaUnderASubjectFindsItsVersionOrSaysWhatIsMissing() {
        int id = register("lookup-value", SALE_V1);

        JsonNode found = http.post("/subjects/lookup-value", body(SALE_V1)).json();
        assertThat(found.get("subject").asText()).isEqualTo("lookup-value");
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(http.post("/subjects/lookup-value", body(SALE_V2)).errorCode()).isEqualTo(40403);
        assertThat(http.post("/subjects/no-such-subject", body(SALE_V1)).errorCode()).isEqualTo(40401);
        assertThat(http.post("/subjects/lookup-value", body("not avro")).errorCode()).isEqualTo(42201);
    }

    @Test
    void missingSubjectsVersionsAndIdsAnswerTheirConfluentCodes() {
        register("missing-value", SALE_V1);

        Http.Response subject = http.get("/subjects/nobody/versions");
        assertThat(subject.status()).isEqualTo(404);
        assertThat(subject.body()).isEqualTo("{\"error_code\":40401,\"message\":\"Subject 'nobody' not found.\"}");
        assertThat(http.get("/subjects/nobody/versions/1").errorCode()).isEqualTo(40401);
        Http.Response version = http.get("/subjects/missing-value/versions/9");
        assertThat(version.body()).isEqualTo("{\"error_code\":40402,\"message\":\"Version 9 not found.\"}");
        Http.Response id = http.get("/schemas/ids/999999");
        assertThat(id.status()).isEqualTo(404);
        assertThat(id.body()).isEqualTo("{\"error_code\":40403,\"message\":\"Schema 999999 not found\"}");
        assertThat(http.get("/schemas/ids/999999/subjects").errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/999999/versions").errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/999999/schema").errorCode()).isEqualTo(40403);
        Http.Response invalidVersion = http.get("/subjects/missing-value/versions/0");
        assertThat(invalidVersion.status()).isEqualTo(422);
        assertThat(invalidVersion.errorCode()).isEqualTo(42202);
        assertThat(http.get("/subjects/missing-value/versions/abc").errorCode()).isEqualTo(42202);
        assertThat(http.get("/no/such/path").status()).isEqualTo(404);
    }

    @Test
    void invalidSchemasAndBadBodiesAreRefusedWithAReason() {
        Http.Response invalid = http.post("/subjects/bad-value/versions", body("{\"type\":\"record\",\"name\":\"X\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
        assertThat(invalid.json().get("message").asText()).contains("Invalid schema");
        assertThat(http.post("/subjects/bad-value/versions", "{\"schema\":\"\\\"string\\\"\",\"schemaType\":\"PROTOBUF\"}")
            .errorCode()).isEqualTo(42201);
        assertThat(http.post("/subjects/bad-value/versions", "{\"schema\":").status()).isEqualTo(400);
        assertThat(http.post("/subjects/bad-value/versions", "{}").errorCode()).isEqualTo(42201);
        assertThat(http.post("/subjects/bad-value/versions", body(record("X")), "text/plain").status()).isEqualTo(415);
        assertThat(http.get("/subjects/bad-value/versions").errorCode()).isEqualTo(40401);
    }

    @Test
    void allThreeContentTypesAreAcceptedAndAnswersAreV1Json() {
        for (String type : List.of(Http.V1, "application/vnd.schemaregistry+json", "application/json")) {
            Http.Response response = http.post("/subjects/types-value/versions", body(record("Types")), type);
            assertThat(response.status()).as(type).isEqualTo(200);
            assertThat(response.contentType()).startsWith(Http.V1);
        }
    }

    @Test
    void listingsFilterByPrefixAndDeletionAndPage() {
        register("list-a-value", record("ListA"));
        register("list-b-value", record("ListB"));
        register("list-b-value", "{\"type\":\"record\",\"name\":\"ListB\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"},"
            + "{\"name\":\"g\",\"type\":\"int\",\"default\":1}]}");
        http.delete("/subjects/list-a-value");

        assertThat(http.get("/subjects?subjectPrefix=list-").json().toString()).isEqualTo("[\"list-b-value\"]");
        assertThat(http.get("/subjects?subjectPrefix=list-&deleted=true").json().toString())
            .isEqualTo("[\"list-a-value\",\"list-b-value\"]");
        assertThat(http.get("/subjects").json().toString()).contains("list-b-value").doesNotContain("list-a-value");
        JsonNode schemas = http.get("/schemas?subjectPrefix=list-").json();
        assertThat(schemas.size()).isEqualTo(2);
        assertThat(schemas.get(0).get("subject").asText()).isEqualTo("list-b-value");
        assertThat(http.get("/schemas?subjectPrefix=list-&latestOnly=true").json().size()).isEqualTo(1);
        assertThat(http.get("/schemas?subjectPrefix=list-&deleted=true").json().size()).isEqualTo(3);
        assertThat(http.get("/schemas?subjectPrefix=list-&deleted=true&offset=1&limit=1").json().get(0).get("subject").asText())
            .isEqualTo("list-b-value");
    }

    @Test
    void aSoftDeletedVersionIsHiddenThenPermanentlyDeletedAndEachStepHasItsError() {
        register("vdel-value", record("VDel"));
        register("vdel-value", "{\"type\":\"record\",\"name\":\"VDel\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"},"
            + "{\"name\":\"g\",\"type\":\"int\",\"default\":1}]}");

        assertThat(http.delete("/subjects/vdel-value/versions/1?permanent=true").errorCode()).isEqualTo(40407);
        assertThat(http.delete("/subjects/vdel-value/versions/1").body()).isEqualTo("1");
        assertThat(http.get("/subjects/vdel-value/versions").json().toString()).isEqualTo("[2]");
        assertThat(http.get("/subjects/vdel-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/vdel-value/versions/1").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/vdel-value/versions/1?deleted=true").status()).isEqualTo(200);
        assertThat(http.delete("/subjects/vdel-value/versions/1").errorCode()).isEqualTo(40406);
        assertThat(http.delete("/subjects/vdel-value/versions/1?permanent=true").body()).isEqualTo("1");
        assertThat(http.get("/subjects/vdel-value/versions?deleted=true").json().toString()).isEqualTo("[2]");
        assertThat(http.delete("/subjects/vdel-value/versions/1?permanent=true").errorCode()).isEqualTo(40402);
        assertThat(http.delete("/subjects/vdel-value/versions/latest").body()).isEqualTo("2");
        assertThat(http.delete("/subjects/nobody-here/versions/1").errorCode()).isEqualTo(40401);
    }

    @Test
    void aSoftDeletedSubjectKeepsItsIdsAndAPermanentDeleteNeverFreesThem() {
        int id = register("sdel-value", record("SDel"));

        assertThat(http.delete("/subjects/sdel-value?permanent=true").errorCode()).isEqualTo(40405);
        assertThat(http.delete("/subjects/sdel-value").body()).isEqualTo("[1]");
        assertThat(http.delete("/subjects/sdel-value").errorCode()).isEqualTo(40404);
        assertThat(http.get("/subjects/sdel-value/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + id + "/subjects").body()).isEqualTo("[]");
        assertThat(http.get("/schemas/ids/" + id + "/versions").body()).isEqualTo("[]");
        assertThat(http.get("/schemas/ids/" + id + "/subjects?deleted=true").json().toString()).isEqualTo("[\"sdel-value\"]");

        assertThat(http.delete("/subjects/sdel-value?permanent=true").body()).isEqualTo("[1]");
        assertThat(http.get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);
        assertThat(http.delete("/subjects/sdel-value").errorCode()).isEqualTo(40401);
        int next = register("sdel-value", record("SDelAfter"));
        assertThat(next).isGreaterThan(id);
        assertThat(http.get("/subjects/sdel-value/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void reRegisteringASoftDeletedSchemaMakesANewVersionWithTheSameId() {
        int id = register("again-value", record("Again"));
        http.delete("/subjects/again-value");

        assertThat(register("again-value", record("Again"))).isEqualTo(id);
        assertThat(http.get("/subjects/again-value/versions").json().toString()).isEqualTo("[2]");
        // As Confluent does, the soft-deleted earlier version with that ID is gone for good.
        assertThat(http.get("/subjects/again-value/versions?deleted=true").json().toString()).isEqualTo("[2]");
    }

    @Test
    void deletedVersionsAreListedOnlyOrAsNegativeNumbersAndTheHighestIdIsFetchedWithASchema() {
        register("listing-value", record("Listing1"));
        http.put("/config/listing-value", "{\"compatibility\":\"NONE\"}");
        int second = register("listing-value", record("Listing2"));
        register("listing-value", record("Listing3"));
        http.delete("/subjects/listing-value/versions/2");

        assertThat(http.get("/subjects/listing-value/versions").body()).isEqualTo("[1,3]");
        assertThat(http.get("/subjects/listing-value/versions?deletedOnly=true").body()).isEqualTo("[2]");
        assertThat(http.get("/subjects/listing-value/versions?deletedAsNegative=true").body()).isEqualTo("[1,-2,3]");
        assertThat(http.get("/subjects?deletedOnly=true&subjectPrefix=listing").body()).isEqualTo("[]");
        JsonNode withMax = http.get("/schemas/ids/" + second + "?fetchMaxId=true").json();
        assertThat(withMax.get("maxId").asInt()).isGreaterThanOrEqualTo(second + 1);
        assertThat(http.get("/schemas/ids/" + second).json().has("maxId")).isFalse();
    }

    @Test
    void aConfigUpdateKeepsWhatItDoesNotNameAndANullClearsAField() {
        http.put("/config/merge-value", "{\"compatibility\":\"FULL\",\"normalize\":true,\"alias\":\"other-value\"}");
        http.put("/config/merge-value", "{\"compatibility\":\"NONE\",\"alias\":null}");
        assertThat(http.get("/config/merge-value").body()).isEqualTo("{\"normalize\":true,\"compatibilityLevel\":\"NONE\"}");
        assertThat(http.put("/config/merge-value", "{\"normalize\":\"yes\"}").status()).isEqualTo(400);
    }

    @Test
    void aVersionWithoutADataContractTakesThePreviousOneUnderTheSubjectsDefaultsAndOverrides() {
        String first = "{\"schema\":" + Http.JSON.valueToTree(record("Contract")) + ",\"metadata\":{\"properties\":"
            + "{\"owner\":\"sales\",\"tier\":\"gold\"}},\"ruleSet\":{\"domainRules\":[{\"name\":\"a\",\"kind\":\"CONDITION\","
            + "\"type\":\"CEL\",\"expr\":\"true\"}]}}";
        int id = http.post("/subjects/contract2-value/versions", first).json().get("id").asInt();
        assertThat(http.post("/subjects/contract2-value/versions", first).json().get("id").asInt()).isEqualTo(id);
        // The same text without a contract is the same version: it inherits the contract.
        assertThat(register("contract2-value", record("Contract"))).isEqualTo(id);

        http.put("/config/contract2-value", "{\"compatibility\":\"NONE\",\"defaultMetadata\":{\"properties\":"
            + "{\"tier\":\"bronze\",\"team\":\"tills\"}},\"overrideMetadata\":{\"properties\":{\"owner\":\"finance\"}}}");
        int next = register("contract2-value", record("Contract2"));
        JsonNode latest = http.get("/subjects/contract2-value/versions/latest").json();
        assertThat(next).isNotEqualTo(id);
        assertThat(latest.get("metadata").get("properties").toString())
            .isEqualTo("{\"tier\":\"gold\",\"team\":\"tills\",\"owner\":\"finance\"}");
        assertThat(latest.get("ruleSet").get("domainRules").get(0).get("name").asText()).isEqualTo("a");
        assertThat(http.get("/schemas/ids/" + next).json().get("metadata").get("properties").get("owner").asText())
            .isEqualTo("finance");
    }

    @Test
    void aCompatibilityGroupChecksANewVersionOnlyAgainstVersionsOfItsGroup() {
        String v1 = "{\"type\":\"record\",\"name\":\"Grouped\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
        String v2 = "{\"type\":\"record\",\"name\":\"Grouped\",\"fields\":[{\"name\":\"b\",\"type\":\"string\"}]}";
        http.put("/config/grouped-value", "{\"compatibilityGroup\":\"major\"}");
        http.post("/subjects/grouped-value/versions", "{\"schema\":" + Http.JSON.valueToTree(v1)
            + ",\"metadata\":{\"properties\":{\"major\":\"1\"}}}");
        Http.Response sameGroup = http.post("/subjects/grouped-value/versions", "{\"schema\":" + Http.JSON.valueToTree(v2)
            + ",\"metadata\":{\"properties\":{\"major\":\"1\"}}}");
        assertThat(sameGroup.errorCode()).isEqualTo(409);
        Http.Response newGroup = http.post("/subjects/grouped-value/versions", "{\"schema\":" + Http.JSON.valueToTree(v2)
            + ",\"metadata\":{\"properties\":{\"major\":\"2\"}}}");
        assertThat(newGroup.status()).as(newGroup.body()).isEqualTo(200);
    }

    @Test
    void referencesResolveNamedTypesFromOtherSubjectsAndProtectThemFromDeletion() {
        register("ref-address", "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"shop\",\"fields\":"
            + "[{\"name\":\"city\",\"type\":\"string\"}]}");
        String customer = "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"shop\",\"fields\":"
            + "[{\"name\":\"address\",\"type\":\"shop.Address\"}]}";
        String request = "{\"schema\":" + Http.JSON.valueToTree(customer)
            + ",\"references\":[{\"name\":\"shop.Address\",\"subject\":\"ref-address\",\"version\":1}]}";

        Http.Response registered = http.post("/subjects/ref-customer-value/versions", request);
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        JsonNode byId = http.get("/schemas/ids/" + id).json();
        assertThat(byId.get("schema").asText()).contains("\"type\":\"Address\"").doesNotContain("city");
        assertThat(byId.get("references").toString())
            .isEqualTo("[{\"name\":\"shop.Address\",\"subject\":\"ref-address\",\"version\":1}]");
        assertThat(http.get("/subjects/ref-customer-value/versions/1").json().get("references").size()).isEqualTo(1);
        assertThat(http.get("/subjects/ref-address/versions/1/referencedby").json().toString()).isEqualTo("[" + id + "]");
        assertThat(http.post("/subjects/ref-customer-value", request).json().get("id").asInt()).isEqualTo(id);

        Http.Response protectedVersion = http.delete("/subjects/ref-address/versions/1");
        assertThat(protectedVersion.status()).isEqualTo(422);
        assertThat(protectedVersion.errorCode()).isEqualTo(42206);
        assertThat(http.delete("/subjects/ref-address").errorCode()).isEqualTo(42206);
        String missing = "{\"schema\":" + Http.JSON.valueToTree(customer)
            + ",\"references\":[{\"name\":\"shop.Address\",\"subject\":\"ref-nowhere\",\"version\":1}]}";
        assertThat(http.post("/subjects/ref-other-value/versions", missing).errorCode()).isEqualTo(42201);
        assertThat(http.post("/subjects/ref-other-value/versions", body(customer)).errorCode()).isEqualTo(42201);
    }

    @Test
    void normalizeGivesSchemasDifferingOnlyInCustomPropertyOrderOneId() {
        String one = "{\"type\":\"record\",\"name\":\"Norm\",\"b\":\"2\",\"a\":\"1\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";
        String two = "{\"type\":\"record\",\"name\":\"Norm\",\"a\":\"1\",\"b\":\"2\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";

        int first = http.post("/subjects/norm-value/versions?normalize=true", body(one)).json().get("id").asInt();
        int second = http.post("/subjects/norm-value/versions?normalize=true", body(two)).json().get("id").asInt();

        assertThat(second).isEqualTo(first);
        assertThat(http.get("/schemas/ids/" + first).json().get("schema").asText()).contains("\"a\":\"1\",\"b\":\"2\"");
        assertThat(http.post("/subjects/norm-value?normalize=true", body(one)).status()).isEqualTo(200);
    }

    @Test
    void globalAndSubjectConfigCanBeReadSetDefaultedAndDeleted() {
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        Http.Response unset = http.get("/config/cfg-value");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/cfg-value?defaultToGlobal=true").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(http.put("/config/cfg-value", "{\"compatibility\":\"full_transitive\"}").body())
            .isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(http.get("/config/cfg-value").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        Http.Response invalid = http.put("/config/cfg-value", "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);
        assertThat(http.delete("/config/cfg-value").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(http.get("/config/cfg-value").errorCode()).isEqualTo(40408);
        assertThat(http.delete("/config/cfg-value").errorCode()).isEqualTo(40401);
    }

    @Test
    void theGlobalLevelAppliesToSubjectsWithoutTheirOwnUntilItIsDeleted() {
        register("global-level-value", record("GlobalLevel"));
        String removed = "{\"type\":\"record\",\"name\":\"GlobalLevel\",\"fields\":[]}";
        try {
            assertThat(http.put("/config", "{\"compatibility\":\"FORWARD\"}").status()).isEqualTo(200);
            assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
            assertThat(http.post("/compatibility/subjects/global-level-value/versions/latest", body(removed))
                .json().get("is_compatible").asBoolean()).isFalse();
        } finally {
            assertThat(http.delete("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
        }
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void readOnlyModeRefusesWritesWith42205AndImportModeKeepsGivenIdsAndVersions() {
        register("mode-value", record("Mode"));
        assertThat(http.get("/mode").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(http.get("/mode/mode-value").errorCode()).isEqualTo(40409);
        assertThat(http.get("/mode/mode-value?defaultToGlobal=true").body()).isEqualTo("{\"mode\":\"READWRITE\"}");

        assertThat(http.put("/mode/mode-value", "{\"mode\":\"READONLY\"}").body()).isEqualTo("{\"mode\":\"READONLY\"}");
        Http.Response refused = http.post("/subjects/mode-value/versions", body(record("Other")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42205);
        assertThat(http.delete("/subjects/mode-value").errorCode()).isEqualTo(42205);
        assertThat(http.delete("/subjects/mode-value/versions/1").errorCode()).isEqualTo(42205);
        assertThat(http.put("/mode/mode-value", "{\"mode\":\"SIDEWAYS\"}").errorCode()).isEqualTo(42204);
        assertThat(http.put("/mode/mode-value", "{\"mode\":\"IMPORT\"}").errorCode()).isEqualTo(42205);
        assertThat(http.delete("/mode/mode-value").body()).isEqualTo("{\"mode\":\"READONLY\"}");
        assertThat(http.delete("/mode/mode-value").errorCode()).isEqualTo(40401);

        assertThat(http.put("/mode/import-value", "{\"mode\":\"IMPORT\"}").status()).isEqualTo(200);
        Http.Response withoutId = http.post("/subjects/import-value/versions", body(record("NoId")));
        assertThat(withoutId.errorCode()).isEqualTo(42205);
        assertThat(withoutId.json().get("message").asText()).contains("not in read-write mode");
        String imported = "{\"schema\":" + Http.JSON.valueToTree(record("Imported")) + ",\"id\":5000,\"version\":7}";
        assertThat(http.post("/subjects/import-value/versions", imported).body()).isEqualTo("{\"id\":5000}");
        assertThat(http.get("/subjects/import-value/versions/7").json().get("id").asInt()).isEqualTo(5000);
        String clash = "{\"schema\":" + Http.JSON.valueToTree(record("Clash")) + ",\"id\":5000,\"version\":8}";
        assertThat(http.post("/subjects/import-value/versions", clash).errorCode()).isEqualTo(42207);
        assertThat(http.put("/mode/import-value", "{\"mode\":\"READWRITE\"}").status()).isEqualTo(200);
        assertThat(http.post("/subjects/import-value/versions", imported).errorCode()).isEqualTo(42205);
        assertThat(register("after-import-value", record("AfterImport"))).isGreaterThan(5000);
    }

    @Test
    void aWriteKafkaRefusesChangesNothingAndAnswers50001() {
        // A record larger than the topic accepts makes Kafka refuse the write.
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            fields.append(i == 0 ? "" : ",").append("{\"name\":\"field_").append(i).append("\",\"type\":\"string\"}");
        }
        String huge = "{\"type\":\"record\",\"name\":\"Huge\",\"fields\":[" + fields + "]}";

        Http.Response refused = http.post("/subjects/huge-value/versions", body(huge));

        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.errorCode()).isEqualTo(50001);
        assertThat(http.get("/subjects/huge-value/versions").errorCode()).isEqualTo(40401);
        assertThat(register("huge-value", record("Small"))).isPositive();
        assertThat(http.get("/subjects/huge-value/versions").json().toString()).isEqualTo("[1]");
    }
}
