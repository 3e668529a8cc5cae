package io.tillstream.pipeline;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's own defaults for Kafka Streams' clients, and a user's settings (from --command-config) winning over
 * them: Kafka Streams applies main.consumer.X over consumer.X over X, so a default set with a prefix must not be set
 * when the user gave the setting without one.
 */
class StreamsSettingsTest {

    private static Map<String, Object> settings(Map<String, Object> user) {
        Map<String, Object> settings = new HashMap<>(user);
        settings.put(PipelineConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        settings.put(PipelineConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8081");
        return settings;
    }

    private static StreamsConfig streamsConfig(Map<String, Object> user) {
        try (SalesPipeline pipeline = SalesPipeline.create(new PipelineConfig(settings(user)))) {
            return new StreamsConfig(pipeline.streamsProperties());
        }
    }

    @Test
    void theMainConsumerPollsAndFetchesMoreThanKafkaStreamsDefaultsAndTheRestoreConsumerIsLeftAlone() {
        StreamsConfig config = streamsConfig(Map.of());

        Map<String, Object> main = config.getMainConsumerConfigs("group", "client", 0);
        assertThat(main).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000")
            .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        Map<String, Object> restore = config.getRestoreConsumerConfigs("client");
        assertThat(restore.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).isNotEqualTo("5000");
        assertThat(restore).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        assertThat(main.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isNotEqualTo("50");
        assertThat(config.getProducerConfigs("client")).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "consumer.", "main.consumer."})
    void aUsersConsumerSettingsWinHoweverTheyArePrefixed(String prefix) {
        StreamsConfig config = streamsConfig(Map.of(prefix + ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200",
            prefix + ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536"));

        assertThat(config.getMainConsumerConfigs("group", "client", 0))
            .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200")
            .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "consumer.", "restore.consumer."})
    void aUsersFetchWaitWinsForTheRestoreConsumerHoweverItIsPrefixed(String prefix) {
        StreamsConfig config = streamsConfig(Map.of(prefix + ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "300"));

        assertThat(config.getRestoreConsumerConfigs("client")).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "300");
    }

    @Test
    void aUsersBatchSizeAndCommitIntervalWin() {
        StreamsConfig config = streamsConfig(Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "16384",
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"));

        assertThat(config.getProducerConfigs("client")).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "16384");
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    }
}
