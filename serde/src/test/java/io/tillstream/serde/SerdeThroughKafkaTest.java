package io.tillstream.serde;

import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.sample.Sale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serdes in a real KafkaProducer and KafkaConsumer, against Tillstream's registry on a real broker. */
@Tag("integration")
class SerdeThroughKafkaTest {

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedRegistry embedded;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void start() {
        embedded = EmbeddedRegistry.get();
        registry = new CachedSchemaRegistryClient(Map.of("schema.registry.url", embedded.url()));
    }

    @AfterAll
    static void closeClient() {
        registry.close();
    }

    @Test
    void genericSalesRoundTripAndTheirSchemaIsRegisteredUnderTopicValue() {
        String topic = topic();
        List<GenericRecord> sales = IntStream.range(0, 50).mapToObj(i -> {
            GenericRecord sale = Sales.generic();
            sale.put("invoice_no", "I" + (100_000 + i));
            return sale;
        }).toList();

        produce(topic, Map.of(), new ArrayList<>(sales));
        List<ConsumerRecord<String, Object>> received = consume(topic, Map.of(), sales.size());

        assertThat(received).extracting(r -> r.value().toString()).containsExactlyElementsOf(
            sales.stream().map(Object::toString).toList());
        int id = registry.getLatestVersion(topic + "-value").id();
        assertThat(registry.getAvroSchema(id)).isEqualTo(Sales.SCHEMA);
        try (KafkaAvroSerializer serializer = serializer(Map.of())) {
            assertThat(WireFormat.schemaId(serializer.serialize(topic, Sales.generic()))).isEqualTo(id);
        }
    }

    @Test
    void specificSalesRoundTripAsTheGeneratedClass() {
        String topic = topic();

        produce(topic, Map.of(), List.of(Sales.specific()));
        List<ConsumerRecord<String, Object>> received = consume(topic, Map.of("specific.avro.reader", true), 1);

        assertThat(received.get(0).value()).isInstanceOf(Sale.class).isEqualTo(Sales.specific());
    }

    @Test
    void useLatestVersionWritesOlderRecordsWithTheLatestSchemaWithoutRegistering() {
        String topic = topic();
        Schema v1 = SchemaBuilder.record("Point").namespace("io.tillstream.test").fields().requiredInt("x").endRecord();
        Schema v2 = SchemaBuilder.record("Point").namespace("io.tillstream.test").fields().requiredInt("x")
            .name("label").type().stringType().stringDefault("none").endRecord();
        registry.register(topic + "-value", SchemaDefinition.avro(v1.toString()), false);
        int latest = registry.register(topic + "-value", SchemaDefinition.avro(v2.toString()), false);
        GenericRecord point = new GenericData.Record(v1);
        point.put("x", 7);

        produce(topic, Map.of("auto.register.schemas", false, "use.latest.version", true), List.of(point));
        GenericRecord read = (GenericRecord) consume(topic, Map.of(), 1).get(0).value();

        assertThat(read.getSchema()).isEqualTo(v2);
        assertThat(read.get("x")).isEqualTo(7);
        assertThat(read.get("label")).hasToString("none");
        assertThat(registry.getVersions(topic + "-value")).containsExactly(1, 2);
        assertThat(registry.getLatestVersion(topic + "-value").id()).isEqualTo(latest);
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefusedAtSend() {
        String topic = topic();

        assertThatThrownBy(() -> produce(topic, Map.of("auto.register.schemas", false), List.of(Sales.generic())))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Cannot serialize value for topic " + topic)
            .hasMessageContaining("40401");
    }

    @Test
    void subjectStrategiesRegisterUnderTheSubjectsTheyName() {
        String topic = topic();

        produce(topic, Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
            "key.subject.name.strategy", "RecordNameStrategy"), List.of(Sales.generic()), Sales.generic());

        assertThat(registry.getSubjects(false)).contains(topic + "-io.tillstream.serde.sample.Sale",
            "io.tillstream.serde.sample.Sale");
        assertThat(registry.getSubjects(false)).doesNotContain(topic + "-value", topic + "-key");
    }

    @Test
    void recordsNotInTheWireFormatFailNamingTopicPartitionOffsetAndCause() {
        String topic = topic();
        byte[] good = serializer(Map.of()).serialize(topic, Sales.generic());
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        byte[] unknownId = good.clone();
        unknownId[1] = 0x7f;
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        produceRaw(topic, List.of(badMagic, unknownId, truncated));

        try (KafkaConsumer<String, Object> consumer = consumer(Map.of())) {
            consumer.subscribe(List.of(topic));
            assertThatThrownBy(() -> pollUntilFailure(consumer))
                .isInstanceOfSatisfying(RecordDeserializationException.class, e -> {
                    assertThat(e.topicPartition().topic()).isEqualTo(topic);
                    assertThat(e.offset()).isZero();
                    assertThat(e.getCause()).isInstanceOf(SerializationException.class)
                        .hasMessage("Cannot deserialize value from topic " + topic
                            + ": unknown magic byte 0x01, expected 0x00 (Confluent's wire format)");
                });
        }
        List<String> failures = new ArrayList<>();
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
             KafkaConsumer<byte[], byte[]> raw = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(),
                 new ByteArrayDeserializer())) {
            deserializer.configure(Map.of("schema.registry.url", embedded.url()), false);
            raw.subscribe(List.of(topic));
            for (ConsumerRecord<byte[], byte[]> record : pollRaw(raw, 3)) {
                assertThatThrownBy(() -> deserializer.deserialize(record)).satisfies(e -> failures.add(e.getMessage()));
            }
        }
        assertThat(failures).satisfiesExactly(
            m -> assertThat(m).startsWith("Cannot deserialize value from topic " + topic + " partition 0 offset 0: unknown magic byte"),
            m -> assertThat(m).startsWith("Cannot deserialize value from topic " + topic + " partition 0 offset 1: unknown schema ID"),
            m -> assertThat(m).startsWith("Cannot deserialize value from topic " + topic + " partition 0 offset 2: the bytes after "
                + "the header are not Avro"));
    }

    private static String topic() {
        return "sales-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static KafkaAvroSerializer serializer(Map<String, Object> settings) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serdeSettings(settings), false);
        return serializer;
    }

    private static Map<String, Object> serdeSettings(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("schema.registry.url", embedded.url());
        return all;
    }

    private static void produce(String topic, Map<String, Object> settings, List<Object> values) {
        produce(topic, settings, values, null);
    }

    /** Sends each value with an Avro {@code key} if given, else the value's position as a string key. */
    private static void produce(String topic, Map<String, Object> settings, List<Object> values, Object key) {
        Map<String, Object> props = serdeSettings(settings);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            key == null ? StringSerializer.class.getName() : KafkaAvroSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName());
        try (KafkaProducer<Object, Object> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, 0, key == null ? Integer.toString(i) : key, values.get(i)));
            }
            producer.flush();
        }
    }

    private static void produceRaw(String topic, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers()), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            values.forEach(value -> producer.send(new ProducerRecord<>(topic, 0, null, value)));
            producer.flush();
        }
    }

    private static Map<String, Object> consumerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "serde-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private static KafkaConsumer<String, Object> consumer(Map<String, Object> settings) {
        Map<String, Object> props = consumerProps();
        props.putAll(serdeSettings(settings));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static List<ConsumerRecord<String, Object>> consume(String topic, Map<String, Object> settings, int count) {
        List<ConsumerRecord<String, Object>> received = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = consumer(settings)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).as("records consumed from " + topic).hasSize(count);
        return received;
    }

    private static List<ConsumerRecord<byte[], byte[]>> pollRaw(KafkaConsumer<byte[], byte[]> consumer, int count) {
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        assertThat(received).hasSize(count);
        return received;
    }

    private static void pollUntilFailure(KafkaConsumer<String, Object> consumer) {
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
    }
}
