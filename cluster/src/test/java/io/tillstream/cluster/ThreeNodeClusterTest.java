package io.tillstream.cluster;

import io.tillstream.cluster.testing.TestClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThreeNodeClusterTest {

    private static final int RECORDS = 100_000;
    private static final String TOPIC = "raw_data";

    @TempDir
    Path dataDir;

    @Test
    void stoppingOneNodeMidStreamLosesNoAcknowledgedRecord() throws Exception {
        try (LocalCluster cluster = TestClusters.start(dataDir, 3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(6), Optional.empty()))).all().get();
            // The broker answering may not have the new topic's metadata yet: creation is acknowledged by the controller.
            TopicDescription topic = await().atMost(Duration.ofSeconds(30)).ignoreException(ExecutionException.class)
                .until(() -> admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC), t -> t != null);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).as("default replication factor").hasSize(3));
            String minIsr = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC)))
                .all().get().values().iterator().next().get("min.insync.replicas").value();
            assertThat(minIsr).isEqualTo("2");

            BitSet acknowledged = new BitSet(RECORDS);
            AtomicInteger failed = new AtomicInteger();
            try (KafkaProducer<String, String> producer = Records.producer(cluster)) {
                for (int i = 0; i < RECORDS; i++) {
                    if (i == RECORDS / 2) {
                        cluster.stopNode(1);
                    }
                    int key = i;
                    producer.send(new ProducerRecord<>(TOPIC, Integer.toString(key), "sale-" + key), (metadata, error) -> {
                        if (error == null) {
                            synchronized (acknowledged) {
                                acknowledged.set(key);
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    });
                }
                producer.flush();
            }
            assertThat(cluster.nodeRunning(1)).isFalse();
            assertThat(failed.get()).as("two in-sync replicas remain, so every send succeeds").isZero();
            assertThat(acknowledged.cardinality()).isEqualTo(RECORDS);

            BitSet received = new BitSet(RECORDS);
            int duplicates = 0;
            try (KafkaConsumer<String, String> consumer = Records.consumer(cluster, "audit")) {
                consumer.subscribe(List.of(TOPIC));
                for (ConsumerRecord<String, String> r : Records.poll(consumer, RECORDS, Duration.ofSeconds(90))) {
                    int key = Integer.parseInt(r.key());
                    assertThat(r.value()).isEqualTo("sale-" + key);
                    if (received.get(key)) {
                        duplicates++;
                    }
                    received.set(key);
                }
            }
            BitSet lost = (BitSet) acknowledged.clone();
            lost.andNot(received);
            assertThat(lost.cardinality()).as("acknowledged but missing keys, e.g. " + lost.stream().limit(5).boxed().toList())
                .isZero();
            assertThat(duplicates).as("the idempotent producer writes each record once").isZero();
        }
    }
}
