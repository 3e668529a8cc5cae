package io.tillstream.serde.client;

import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import io.tillstream.serde.EmbeddedRegistry;
import io.tillstream.serde.Sales;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's caching, paths, errors, credentials and failover, against Tillstream's registry server. */
class CachedSchemaRegistryClientTest {

    private static final String POINT = "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";

    private static EmbeddedRegistry embedded;
    /** A second registry that lets in only alice:s3cret and bob:pw. */
    private static SchemaRegistryServer secured;

    private final String subject = EmbeddedRegistry.unique("sales") + "-value";

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        embedded = EmbeddedRegistry.get();
        Path users = Files.writeString(dir.resolve("users.properties"), "alice: s3cret,admin\nbob: pw,admin\n");
        secured = embedded.startAnother(Map.of(RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG, users.toString()));
    }

    @AfterAll
    static void stop() {
        secured.close();
    }

    @Test
    void aSchemaIsFetchedByIdOnceThenServedFromTheCache() {
        try (SchemaRegistryServer server = embedded.startAnother(Map.of())) {
            int id;
            int uncached;
            try (SchemaRegistryClient writer = client(server.url())) {
                id = writer.register(subject, Sales.SCHEMA, false);
                uncached = writer.register(EmbeddedRegistry.unique("points"), SchemaDefinition.avro(POINT), false);
            }
            try (SchemaRegistryClient client = client(server.url())) {
                assertThat(client.getAvroSchema(id)).isEqualTo(Sales.SCHEMA);

                String url = server.url();
                server.close();

                for (int i = 0; i < 10; i++) {
                    assertThat(client.getAvroSchema(id)).isEqualTo(Sales.SCHEMA);
                }
                assertThat(client.getSchema(id).schemaType()).isEqualTo("AVRO");
                assertThatThrownBy(() -> client.getAvroSchema(uncached))
                    .isInstanceOf(RegistryConnectionException.class)
                    .hasMessageStartingWith("Cannot reach the schema registry at " + url);
            }
        }
    }

    @Test
    void aRegisteredSchemaIsFoundByLookupAndVersion() {
        try (SchemaRegistryClient client = client(embedded.url())) {
            int id = client.register(subject, SchemaDefinition.avro(Sales.SCHEMA.toString()), false);

            RegisteredSchema found = client.lookup(subject, SchemaDefinition.avro(Sales.SCHEMA.toString()), false);
            assertThat(found).isEqualTo(new RegisteredSchema(subject, 1, id, SchemaDefinition.avro(Sales.SCHEMA.toString())));
            assertThat(client.getLatestVersion(subject)).isEqualTo(found);
            assertThat(client.getVersion(subject, 1)).isEqualTo(found);
        }
    }

    @Test
    void subjectsAreEscapedInPaths() {
        // Unescaped, the slash would split the path and the space would not make a URI at all.
        String escaped = EmbeddedRegistry.unique("sales/2024 eu");
        try (SchemaRegistryClient client = client(embedded.url())) {
            int id = client.register(escaped, Sales.SCHEMA, false);

            assertThat(client.getSubjects(false)).filteredOn(s -> s.contains(escaped.substring(escaped.length() - 8)))
                .containsExactly(escaped);
            assertThat(client.getLatestVersion(escaped).id()).isEqualTo(id);
        }
    }

    @Test
    void registryErrorsCarryStatusErrorCodeAndMessage() {
        String missing = EmbeddedRegistry.unique("missing") + "-value";
        try (SchemaRegistryClient client = client(embedded.url())) {
            assertThatThrownBy(() -> client.getLatestVersion(missing))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(RegistryClientException.SUBJECT_NOT_FOUND);
                    assertThat(e.registryMessage()).isEqualTo("Subject '" + missing + "' not found.");
                    assertThat(e).hasMessage("Subject '" + missing + "' not found. (HTTP 404, error code 40401) from GET "
                        + embedded.url() + "/subjects/" + missing + "/versions/latest");
                });
        }
    }

    @Test
    void userInfoCredentialsAreSentAsBasicAuth() {
        try (SchemaRegistryClient client = new CachedSchemaRegistryClient(Map.of("schema.registry.url", secured.url(),
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"))) {
            assertThat(client.register(subject, Sales.SCHEMA, false)).isPositive();
        }
        try (SchemaRegistryClient anonymous = client(secured.url())) {
            assertThatThrownBy(() -> anonymous.register(subject, Sales.SCHEMA, false)).as("without credentials")
                .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNotInTheUrl() {
        String url = secured.url().replace("http://", "http://bob:pw@");
        try (SchemaRegistryClient client = client(url)) {
            assertThat(client.register(subject, Sales.SCHEMA, false)).isPositive();
            // Let in, the client hears the registry's 404; the URL it names has no credentials.
            assertThatThrownBy(() -> client.getVersion(subject, 9))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageEndingWith(" from GET " + secured.url() + "/subjects/" + subject + "/versions/9");
        }
    }

    @Test
    void anUnreachableUrlIsSkippedForTheNext() {
        try (SchemaRegistryClient client = client("http://127.0.0.1:1," + embedded.url());
             SchemaRegistryClient direct = client(embedded.url())) {
            int id = client.register(subject, Sales.SCHEMA, false);

            assertThat(direct.getLatestVersion(subject).id()).isEqualTo(id);
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
}
