package io.tillstream.serde;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaSerdeConfigTest {

    private static final String URL = "http://127.0.0.1:8081";

    @Test
    void defaultsAreConfluentsButAnUnsetTypeGivesATree() {
        JsonSchemaSerdeConfig config = new JsonSchemaSerdeConfig(Map.of("schema.registry.url", URL));

        assertThat(config.failInvalidSchema()).isFalse();
        assertThat(config.failUnknownProperties()).isTrue();
        assertThat(config.envelopeDetection()).isTrue();
        assertThat(config.writeDatesAsIso8601()).isFalse();
        assertThat(config.type(true)).isNull();
        assertThat(config.type(false)).isNull();
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
    }

    @Test
    void everyConfluentJsonSchemaSettingWeHonourIsDeclared() {
        assertThat(JsonSchemaSerdeConfig.configDef().names()).contains("schema.registry.url", "auto.register.schemas",
            "use.latest.version", "normalize.schemas", "key.subject.name.strategy", "value.subject.name.strategy",
            "json.fail.invalid.schema", "json.fail.unknown.properties", "json.key.type", "json.value.type",
            "json.envelope.detection", "json.write.dates.iso8601");
    }

    @Test
    void typesAreTakenForKeysAndValuesApart() {
        JsonSchemaSerdeConfig config = new JsonSchemaSerdeConfig(Map.of("schema.registry.url", URL,
            "json.key.type", "java.lang.String", "json.value.type", JsonSales.Sale.class));

        assertThat(config.type(true)).isEqualTo(String.class);
        assertThat(config.type(false)).isEqualTo(JsonSales.Sale.class);
    }

    @Test
    void aTypeThatIsNoClassIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new JsonSchemaSerdeConfig(Map.of("schema.registry.url", URL,
            "json.value.type", "io.tillstream.NoSuchSale")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("json.value.type")
            .hasMessageContaining("io.tillstream.NoSuchSale");
    }
}
