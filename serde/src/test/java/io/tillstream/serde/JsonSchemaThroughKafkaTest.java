package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON Schema serdes in a real KafkaProducer and KafkaConsumer, against Tillstream's registry on a real broker. */
@Tag("integration")
class JsonSchemaThroughKafkaTest {

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final SchemaRegistryClient registry = embedded.client();
    private final String topic = "sales-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void salesRoundTripAsRecordsWrittenWithTheSubjectsLatestSchemaAndValidatedBothWays() {
        int id = registry.register(topic + "-value", JsonSales.definition(), false);
        List<JsonSales.Sale> sales = IntStream.range(0, 50)
            .mapToObj(i -> JsonSales.record("I" + (100_000 + i), JsonSales.record().price())).toList();
        Map<String, Object> settings = Map.of("use.latest.version", true, "json.fail.invalid.schema", true,
            "json.value.type", JsonSales.Sale.class);

        try (KafkaProducer<String, Object> producer = producer(settings, new StringSerializer())) {
            sales.forEach(sale -> producer.send(new ProducerRecord<>(topic, 0, sale.invoiceNo(), sale)));
        }
        List<ConsumerRecord<String, Object>> received = consume(settings, new StringDeserializer(), sales.size());

        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sales);
        assertThat(received).extracting(ConsumerRecord::key).containsExactlyElementsOf(
            sales.stream().map(JsonSales.Sale::invoiceNo).toList());
        assertThat(registry.getVersions(topic + "-value")).as("nothing registered beyond the schema").containsExactly(1);
        assertThat(registry.getLatestVersion(topic + "-value").id()).isEqualTo(id);
    }

    @Test
    void envelopedKeysAndValuesRoundTripAsTreesUnderSubjectsOfTheirOwn() {
        JsonNode keySchema = JsonSales.parse("{\"type\":\"object\",\"properties\":{\"invoice_no\":{\"type\":\"string\"}}}");
        JsonNode key = JsonSales.parse("{\"invoice_no\":\"I138884\"}");

        try (KafkaProducer<Object, Object> producer = producer(Map.of(), new KafkaJsonSchemaSerializer<>())) {
            producer.send(new ProducerRecord<>(topic, 0, JsonSchemaEnvelope.of(keySchema, key),
                JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree())));
        }
        ConsumerRecord<Object, Object> received = consume(Map.of(), new KafkaJsonSchemaDeserializer<>(), 1).get(0);

        assertThat(received.key()).isEqualTo(key);
        assertThat(received.value()).isEqualTo(JsonSales.tree());
        assertThat(registry.getLatestVersion(topic + "-key").definition().schemaType()).isEqualTo("JSON");
        assertThat(registry.getLatestVersion(topic + "-value").definition().schemaType()).isEqualTo("JSON");
    }

    @Test
    void aRecordThatBreaksItsSchemaFailsAtPollNamingTopicPartitionAndOffset() {
        int id = registry.register(topic + "-value", JsonSales.definition(), false);
        byte[] json = JsonSales.JSON.replace("\"quantity\":5", "\"quantity\":0").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers()), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, null,
                ByteBuffer.allocate(5 + json.length).put((byte) 0).putInt(id).put(json).array()));
        }

        assertThatThrownBy(() -> consume(Map.of("json.fail.invalid.schema", true), new StringDeserializer(), 1))
            .isInstanceOfSatisfying(RecordDeserializationException.class, e -> {
                assertThat(e.topicPartition().topic()).isEqualTo(topic);
                assertThat(e.offset()).isZero();
                assertThat(e.getCause()).hasMessage("Cannot deserialize value from topic " + topic
                    + ": the value does not match JSON Schema ID " + id + ": /quantity: must have a minimum value of 1");
            });
    }

    private <K> KafkaProducer<K, Object> producer(Map<String, Object> settings, Serializer<K> keys) {
        keys.configure(SerdeSettings.with(settings), true);
        KafkaJsonSchemaSerializer<Object> values = new KafkaJsonSchemaSerializer<>();
        values.configure(SerdeSettings.with(settings), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers()), keys, values);
    }

    /** Polls {@code count} records from the start of the topic, failing if fewer come within the timeout. */
    private <K> List<ConsumerRecord<K, Object>> consume(Map<String, Object> settings, Deserializer<K> keys, int count) {
        keys.configure(SerdeSettings.with(settings), true);
        KafkaJsonSchemaDeserializer<Object> values = new KafkaJsonSchemaDeserializer<>();
        values.configure(SerdeSettings.with(settings), false);
        List<ConsumerRecord<K, Object>> received = new ArrayList<>();
        try (KafkaConsumer<K, Object> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "serde-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).as("records consumed from " + topic).hasSize(count);
        return received;
    }

}
