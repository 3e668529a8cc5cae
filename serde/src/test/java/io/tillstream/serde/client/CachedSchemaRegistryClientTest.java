package io.tillstream.serde.client;

import io.tillstream.serde.FakeRegistry;
import io.tillstream.serde.Sales;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a stand-in registry over HTTP; the integration tests cover the real server. */
class CachedSchemaRegistryClientTest {

    private FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry(1);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aSchemaIsFetchedByIdOnceThenServedFromTheCache() {
        int id = registry.register("raw_data-value", Sales.SCHEMA);
        try (SchemaRegistryClient client = client(registry.url())) {
            for (int i = 0; i < 10; i++) {
                assertThat(client.getAvroSchema(id)).isEqualTo(Sales.SCHEMA);
            }
            assertThat(client.getSchema(id).schemaType()).isEqualTo("AVRO");
        }
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void aRegisteredSchemaIsFoundByLookupAndVersion() {
        try (SchemaRegistryClient client = client(registry.url())) {
            int id = client.register("raw_data-value", SchemaDefinition.avro(Sales.SCHEMA.toString()), false);

            RegisteredSchema found = client.lookup("raw_data-value", SchemaDefinition.avro(Sales.SCHEMA.toString()), false);
            assertThat(found).isEqualTo(new RegisteredSchema("raw_data-value", 1, id,
                SchemaDefinition.avro(Sales.SCHEMA.toString())));
            assertThat(client.getLatestVersion("raw_data-value")).isEqualTo(found);
            assertThat(client.getVersion("raw_data-value", 1)).isEqualTo(found);
        }
    }

    @Test
    void subjectsAreEscapedInPaths() {
        try (SchemaRegistryClient client = client(registry.url())) {
            client.register("sales/2024 eu", Sales.SCHEMA, false);
        }
        assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/sales%2F2024%20eu/versions?normalize=false");
        assertThat(registry.subjects()).containsExactly("sales/2024 eu");
    }

    @Test
    void registryErrorsCarryStatusErrorCodeAndMessage() {
        try (SchemaRegistryClient client = client(registry.url())) {
            assertThatThrownBy(() -> client.getLatestVersion("missing-value"))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(RegistryClientException.SUBJECT_NOT_FOUND);
                    assertThat(e.registryMessage()).isEqualTo("Subject 'missing-value' not found.");
                    assertThat(e).hasMessage("Subject 'missing-value' not found. (HTTP 404, error code 40401) from GET "
                        + registry.url() + "/subjects/missing-value/versions/latest");
                });
        }
    }

    @Test
    void userInfoCredentialsAreSentAsBasicAuth() {
        try (SchemaRegistryClient client = new CachedSchemaRegistryClient(Map.of("schema.registry.url", registry.url(),
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"))) {
            client.register("raw_data-value", Sales.SCHEMA, false);
        }
        assertThat(registry.requests().get(0).authorization()).isEqualTo(basic("alice:s3cret"));
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNotInTheUrl() {
        String url = registry.url().replace("http://", "http://bob:pw@");
        try (SchemaRegistryClient client = client(url)) {
            client.register("raw_data-value", Sales.SCHEMA, false);
        }
        assertThat(registry.requests().get(0).authorization()).isEqualTo(basic("bob:pw"));
    }

    @Test
    void anUnreachableUrlIsSkippedForTheNext() {
        try (SchemaRegistryClient client = client("http://127.0.0.1:1," + registry.url())) {
            assertThat(client.register("raw_data-value", Sales.SCHEMA, false)).isEqualTo(1);
        }
    }

    @Test
    void whenNoUrlCanBeReachedTheErrorNamesThemAll() {
        try (SchemaRegistryClient client = client("http://127.0.0.1:1,http://127.0.0.1:2")) {
            assertThatThrownBy(() -> client.getAvroSchema(1))
                .isInstanceOf(RegistryConnectionException.class)
                .hasMessageStartingWith("Cannot reach the schema registry at http://127.0.0.1:1 (ConnectException")
                .hasMessageContaining(", http://127.0.0.1:2 (ConnectException");
        }
    }

    private static SchemaRegistryClient client(String url) {
        return new CachedSchemaRegistryClient(Map.of("schema.registry.url", url));
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(UTF_8));
    }
}
