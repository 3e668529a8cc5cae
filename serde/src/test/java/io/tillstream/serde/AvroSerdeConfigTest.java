package io.tillstream.serde;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeConfigTest {

    private static final String URL = "http://127.0.0.1:8081";

    @Test
    void defaultsAreConfluents() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", URL));

        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.latestCompatibilityStrict()).isTrue();
        assertThat(config.normalizeSchemas()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.subjectNameStrategy(true)).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.cacheCapacity()).isEqualTo(1000);
        assertThat(config.basicAuthUserInfo()).isEmpty();
    }

    @Test
    void everyConfluentSettingIsDeclared() {
        assertThat(AvroSerdeConfig.configDef().names()).contains("schema.registry.url", "auto.register.schemas",
            "use.latest.version", "specific.avro.reader", "key.subject.name.strategy", "value.subject.name.strategy",
            "basic.auth.credentials.source", "basic.auth.user.info", "normalize.schemas");
    }

    @Test
    void theRegistryUrlIsRequired() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("schema.registry.url");
    }

    @Test
    void settingsGivenAsStringsAreParsed() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", URL, "auto.register.schemas", "false",
            "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"));

        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicRecordNameStrategy.class);
    }

    @Test
    void anUnknownStrategyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", URL,
            "key.subject.name.strategy", "NoSuchStrategy")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("key.subject.name.strategy")
            .hasMessageContaining("Unknown subject name strategy NoSuchStrategy");
    }

    @Test
    void userInfoCredentialsComeFromTheirSetting() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", URL,
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret"));

        assertThat(config.basicAuthUserInfo()).contains("alice:s3cret");
    }

    @Test
    void confluentsOlderUserInfoSettingIsAcceptedToo() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", URL,
            "basic.auth.credentials.source", "USER_INFO", "schema.registry.basic.auth.user.info", "bob:pw"));

        assertThat(config.basicAuthUserInfo()).contains("bob:pw");
    }

    @Test
    void urlCredentialsAreTakenOutOfTheUrl() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url",
            "http://alice:p%40ss@127.0.0.1:8081, http://127.0.0.1:8082/"));

        assertThat(config.basicAuthUserInfo()).contains("alice:p@ss");
        assertThat(config.baseUrls()).containsExactly(URI.create(URL), URI.create("http://127.0.0.1:8082/"));
    }

    @Test
    void userInfoWithoutCredentialsIsRefused() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", URL,
            "basic.auth.credentials.source", "USER_INFO"));

        assertThatThrownBy(config::basicAuthUserInfo)
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void unsupportedCredentialSourcesAndUrlsAreRefused() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", URL,
            "basic.auth.credentials.source", "SASL_INHERIT")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", "127.0.0.1:8081")).baseUrls())
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("expected http://host:port");
    }
}
