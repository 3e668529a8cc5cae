package io.tillstream.serde.client;

import io.tillstream.serde.EmbeddedRegistry;
import io.tillstream.serde.Sales;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every call the serdes and the {@code tillstream schemas} command make, against Tillstream's registry server. */
@Tag("integration")
class RegistryClientAgainstServerTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
        + "{\"name\":\"label\",\"type\":\"string\",\"default\":\"\"}]}";
    private static final String INCOMPATIBLE = "{\"type\":\"record\",\"name\":\"Point\",\"fields\":["
        + "{\"name\":\"x\",\"type\":\"string\"}]}";

    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        client = new CachedSchemaRegistryClient(Map.of("schema.registry.url", EmbeddedRegistry.get().url()));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void registeredVersionsAreListedLookedUpAndFetchedById() {
        String subject = subject();
        int v1 = client.register(subject, SchemaDefinition.avro(V1), false);
        int v2 = client.register(subject, SchemaDefinition.avro(V2), false);

        assertThat(client.getSubjects(false)).contains(subject);
        assertThat(client.getVersions(subject)).containsExactly(1, 2);
        assertThat(client.getLatestVersion(subject)).extracting(RegisteredSchema::version, RegisteredSchema::id)
            .containsExactly(2, v2);
        assertThat(client.getVersion(subject, 1).id()).isEqualTo(v1);
        assertThat(client.lookup(subject, SchemaDefinition.avro(V1), false).version()).isEqualTo(1);
        assertThat(client.getAvroSchema(v2).getField("label")).isNotNull();
        assertThat(client.register(subject, SchemaDefinition.avro(V2), false)).as("registering again").isEqualTo(v2);
        assertThat(client.getLatestSchemas()).filteredOn(s -> s.subject().equals(subject))
            .singleElement().extracting(RegisteredSchema::version, RegisteredSchema::id).containsExactly(2, v2);
    }

    @Test
    void anAvroSchemaRegistersOnceAndItsIdIsCached() {
        String subject = subject();

        int id = client.register(subject, Sales.SCHEMA, false);

        assertThat(client.getId(subject, Sales.SCHEMA, false)).isEqualTo(id);
        assertThat(client.getAvroSchema(id)).isEqualTo(Sales.SCHEMA);
    }

    @Test
    void compatibilityIsCheckedWithReasons() {
        String subject = subject();
        client.register(subject, SchemaDefinition.avro(V1), false);

        assertThat(client.testCompatibility(subject, SchemaDefinition.avro(V2)).compatible()).isTrue();
        CompatibilityResult incompatible = client.testCompatibility(subject, SchemaRegistryClient.LATEST_VERSION, SchemaDefinition.avro(INCOMPATIBLE));
        assertThat(incompatible.compatible()).isFalse();
        assertThat(incompatible.messages()).isNotEmpty();
        assertThatThrownBy(() -> client.register(subject, SchemaDefinition.avro(INCOMPATIBLE), false))
            .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.errorCode()).isEqualTo(409));
    }

    @Test
    void compatibilityLevelsAreReadSetAndRemovedPerSubject() {
        String subject = subject();
        client.register(subject, SchemaDefinition.avro(V1), false);

        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.getSubjectCompatibility(subject)).as("following the global level").isEmpty();
        assertThat(client.updateCompatibility(subject, CompatibilityLevel.NONE)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.getCompatibility(subject)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.getSubjectCompatibility(subject)).contains(CompatibilityLevel.NONE);
        assertThat(client.register(subject, SchemaDefinition.avro(INCOMPATIBLE), false)).isPositive();
        client.deleteCompatibility(subject);
        assertThat(client.getCompatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.getSubjectCompatibility(subject)).isEmpty();
    }

    @Test
    void subjectsAndVersionsAreDeletedSoftThenForGood() {
        String subject = subject();
        client.register(subject, SchemaDefinition.avro(V1), false);
        client.register(subject, SchemaDefinition.avro(V2), false);

        assertThat(client.deleteVersion(subject, 2, false)).isEqualTo(2);
        assertThat(client.getVersions(subject)).containsExactly(1);
        assertThat(client.deleteSubject(subject, false)).containsExactly(1);
        assertThat(client.getSubjects(false)).doesNotContain(subject);
        assertThat(client.getSubjects(true)).contains(subject);
        assertThat(client.deleteSubject(subject, true)).as("with the version deleted before").containsExactly(1, 2);
        assertThat(client.getSubjects(true)).doesNotContain(subject);
    }

    @Test
    void registryErrorsCarryConfluentsCodes() {
        assertThatThrownBy(() -> client.getLatestVersion(subject()))
            .isInstanceOfSatisfying(RegistryClientException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo(RegistryClientException.SUBJECT_NOT_FOUND);
            });
        assertThatThrownBy(() -> client.getSchema(Integer.MAX_VALUE))
            .isInstanceOfSatisfying(RegistryClientException.class,
                e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> client.register(subject(), SchemaDefinition.avro("{\"type\":\"nope\"}"), false))
            .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
    }

    private static String subject() {
        return "points-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
    }

}
