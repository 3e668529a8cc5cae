package io.tillstream.sink;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkConfigTest {

    private static final Map<String, Object> REQUIRED = Map.of(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
        SinkConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8081", SinkConfig.PATH_CONFIG, "lake");

    @Test
    void theClientsGetTheDefaultGroupAndEverySettingThatIsNotTheSinksOwn() {
        SinkConfig config = new SinkConfig(Map.of(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
            SinkConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8081", SinkConfig.PATH_CONFIG, "lake",
            "security.protocol", "SASL_SSL"));
        assertThat(config.clientSettings()).containsEntry("group.id", "tillstream-sink")
            .containsEntry("security.protocol", "SASL_SSL").containsKeys("bootstrap.servers", "schema.registry.url")
            .doesNotContainKeys(SinkConfig.PATH_CONFIG, SinkConfig.ROLL_INTERVAL_MS_CONFIG, SinkConfig.TOPIC_CONFIG);
        assertThat(config.deadLetterTopic()).isEqualTo("sales_enriched_dlq");
        assertThat(config.compression()).isEqualTo(Compression.ZSTD);
    }

    @Test
    void theMemoryBoundIsAQuarterOfTheHeapUnlessGivenAndNeverUnder64KiB() {
        assertThat(new SinkConfig(REQUIRED).rollPolicy().maxHeldBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
        Map<String, Object> settings = new java.util.HashMap<>(REQUIRED);
        settings.put(SinkConfig.HELD_MAX_BYTES_CONFIG, 1 << 20);
        assertThat(new SinkConfig(settings).rollPolicy().maxHeldBytes()).isEqualTo(1 << 20);
        settings.put(SinkConfig.HELD_MAX_BYTES_CONFIG, 0);
        assertThatThrownBy(() -> new SinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("held.max.bytes").hasMessageContaining("at least 65536");
    }

    @Test
    void anUnknownCompressionIsRefusedByName() {
        Map<String, Object> settings = new java.util.HashMap<>(REQUIRED);
        settings.put(SinkConfig.COMPRESSION_CONFIG, "brotli");
        assertThatThrownBy(() -> new SinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("zstd, snappy, gzip, none");
    }
}
