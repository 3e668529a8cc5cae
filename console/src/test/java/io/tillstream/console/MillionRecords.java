package io.tillstream.console;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * A topic of a million small records (key {@code k<i>}, value {@code {"n": i}}, three partitions)
 * with one known key among them, {@link #NEEDLE}, produced once per run with a plain producer.
 */
final class MillionRecords {

    static final int COUNT = 1_000_000;
    static final int NEEDLE_INDEX = 742_199;
    static final String NEEDLE = "needle-" + NEEDLE_INDEX;
    static final int PARTITIONS = 3;

    private static String topic;

    private MillionRecords() {
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int i) {
        String key = i == NEEDLE_INDEX ? NEEDLE : "k" + i;
        return new ProducerRecord<>(topic, i % PARTITIONS, key.getBytes(StandardCharsets.UTF_8),
            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }

    static synchronized String topic(Environment env) throws Exception {
        if (topic != null) {
            return topic;
        }
        String name = "million-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            // A loaded machine may take minutes: Kafka's two-minute default would drop batches, silently here.
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300_000), new ByteArraySerializer(), new ByteArraySerializer())) {
            AtomicReference<Exception> failed = new AtomicReference<>();
            // Each partition's first record alone, awaited: a broker that has just created the topic may answer the first
            // batches NOT_LEADER_OR_FOLLOWER, and if a later batch of this idempotent producer lands first, the retried
            // sequence 0 is refused as out of order for as long as the producer retries (seen under load).
            for (int i = 0; i < PARTITIONS; i++) {
                producer.send(record(name, i)).get();
            }
            for (int i = PARTITIONS; i < COUNT; i++) {
                producer.send(record(name, i), (sent, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            if (failed.get() != null) {
                throw new IllegalStateException("Could not produce the million records", failed.get());
            }
        }
        // Acknowledged is not yet readable: wait until every partition's end offset (high watermark) counts them all.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum() == COUNT);
        }
        topic = name;
        return name;
    }
}
