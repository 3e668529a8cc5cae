package io.tillstream.pipeline.testing;

import io.tillstream.pipeline.PipelineConfig;
import io.tillstream.pipeline.SalesPipeline;
import io.tillstream.registry.testing.KafkaWithRegistry;
import io.tillstream.pipeline.SalesTotals;
import io.tillstream.serde.KafkaAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The JVM's shared Kafka broker and Schema Registry ({@link KafkaWithRegistry#shared()}) with the
 * pipeline tests' helpers; tests keep apart with topics and application ids of their own.
 */
public final class TestPlatform {

    private static final Duration READ_PATIENCE = Duration.ofSeconds(60);

    private static TestPlatform instance;

    private final KafkaWithRegistry platform;
    private final Path stateDirs;

    private TestPlatform(KafkaWithRegistry platform) {
        this.platform = platform;
        this.stateDirs = platform.dataDir().resolve("streams");
    }

    public static synchronized TestPlatform get() {
        if (instance == null) {
            instance = new TestPlatform(KafkaWithRegistry.shared());
        }
        return instance;
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return KafkaWithRegistry.unique(prefix);
    }

    public String bootstrapServers() {
        return platform.bootstrapServers();
    }

    public String registryUrl() {
        return platform.registryUrl();
    }

    public void createTopic(String name, int partitions) {
        withAdmin(admin -> admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
    }

    /** Each partition of {@code topic} and its end offset: the records written to it, when no transaction wrote there. */
    public Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<Integer, Long> ends = new TreeMap<>();
            consumer.endOffsets(consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList())
                .forEach((partition, end) -> ends.put(partition.partition(), end));
            return ends;
        }
    }

    /** Each partition of {@code topic} and the offset {@code group} committed there, if it did. */
    public Map<Integer, Long> committedOffsets(String group, String topic) {
        Map<Integer, Long> committed = new TreeMap<>();
        withAdmin(admin -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return committed;
    }

    /** What {@code call} asks of an Admin client of this platform, once it has answered. */
    private <T> T withAdmin(Function<Admin, KafkaFuture<T>> call) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            return call.apply(admin).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Settings for a pipeline reading {@code source} and writing topics named after it, with its own
     * state directory and a free HTTP port.
     */
    public Map<String, Object> pipelineSettings(String source, String applicationId) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(PipelineConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        settings.put(PipelineConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl());
        settings.put(PipelineConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.put(PipelineConfig.SOURCE_TOPIC_CONFIG, source);
        settings.put(PipelineConfig.DEAD_LETTER_TOPIC_CONFIG, source + "_dlq");
        settings.put(PipelineConfig.ENRICHED_TOPIC_CONFIG, source + "_enriched");
        settings.put(PipelineConfig.AGGREGATE_TOPIC_PREFIX_CONFIG, source + "_");
        settings.put(PipelineConfig.STATE_DIR_CONFIG, newStateDir().toString());
        settings.put(PipelineConfig.HTTP_PORT_CONFIG, 0);
        return settings;
    }

    /** A state directory no other pipeline uses. */
    public Path newStateDir() {
        return stateDirs.resolve(unique("state"));
    }

    public SalesPipeline startPipeline(Map<String, Object> settings) {
        SalesPipeline pipeline = SalesPipeline.create(new PipelineConfig(settings));
        pipeline.start();
        return pipeline;
    }

    /** The latest totals per key of a compacted aggregate topic, decoded as a consumer of it would. */
    public Map<String, GeneratedSales.Group> latestTotals(String topic) {
        Map<String, GeneratedSales.Group> latest = new HashMap<>();
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(Map.of("schema.registry.url", registryUrl(), "specific.avro.reader", true), false);
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(topic, 1)) {
            SalesTotals totals = (SalesTotals) values.deserialize(topic, record.value());
            latest.put(new String(record.key(), StandardCharsets.UTF_8),
                new GeneratedSales.Group(totals.getRevenue(), totals.getQuantity(), totals.getInvoices()));
        }
        return latest;
    }

    /** Every committed record of {@code topic}, reading until at least {@code atLeast} came and the topic is drained. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.GROUP_ID_CONFIG, TestPlatform.unique("reader")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + READ_PATIENCE.toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (records.size() < atLeast || emptyPolls < 2)) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(records::add);
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
            }
        }
        return records;
    }
}
