package io.tillstream.cluster;

import io.tillstream.cluster.testing.TestClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SingleNodeClusterTest {

    private static final String TOPIC = "raw_data";

    @TempDir
    Path dataDir;

    @Test
    void recordsProducedToAPartitionedTopicAreConsumedBack() throws Exception {
        try (LocalCluster cluster = TestClusters.start(dataDir, 1)) {
            createTopic(cluster, TOPIC, 6);
            produce(cluster, 0, 1000);

            try (KafkaConsumer<String, String> consumer = Records.consumer(cluster, "round-trip")) {
                consumer.subscribe(List.of(TOPIC));
                List<ConsumerRecord<String, String>> received = Records.poll(consumer, 1000, Duration.ofSeconds(30));

                assertThat(received).hasSize(1000);
                assertThat(received).allSatisfy(r -> assertThat(r.value()).isEqualTo("sale-" + r.key()));
                assertThat(received.stream().map(ConsumerRecord::partition).collect(Collectors.toSet()))
                    .as("keys spread over the partitions").hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void aRestartKeepsTopicsRecordsAndCommittedOffsets() throws Exception {
        ClusterSpec spec = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        String clusterId;
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            clusterId = cluster.clusterId();
            createTopic(cluster, TOPIC, 3);
            produce(cluster, 0, 500);
            try (KafkaConsumer<String, String> consumer = Records.consumer(cluster, "survivor")) {
                consumer.subscribe(List.of(TOPIC));
                assertThat(Records.poll(consumer, 500, Duration.ofSeconds(30))).hasSize(500);
                consumer.commitSync();
            }
            assertThat(partitionCount(cluster, "__consumer_offsets")).as("Kafka's 50 would slow the first group down")
                .isEqualTo(spec.internalTopicPartitions());
            produce(cluster, 500, 200);
        }

        try (LocalCluster cluster = LocalCluster.start(spec)) {
            assertThat(cluster.clusterId()).isEqualTo(clusterId);
            assertThat(cluster.dataDirectory().fresh()).isFalse();
            try (KafkaConsumer<String, String> consumer = Records.consumer(cluster, "survivor")) {
                consumer.subscribe(List.of(TOPIC));
                List<ConsumerRecord<String, String>> rest = Records.poll(consumer, 200, Duration.ofSeconds(30));
                assertThat(rest).as("only what came after the committed offsets").hasSize(200);
                assertThat(rest.stream().map(r -> Integer.parseInt(r.key())).collect(Collectors.toSet()))
                    .isEqualTo(IntStream.range(500, 700).boxed().collect(Collectors.toSet()));
            }
            try (KafkaConsumer<String, String> consumer = Records.consumer(cluster, "newcomer")) {
                consumer.subscribe(List.of(TOPIC));
                assertThat(Records.poll(consumer, 700, Duration.ofSeconds(30))).as("every record survived").hasSize(700);
            }
        }
    }

    @Test
    void aTakenPortIsReportedBeforeAnythingIsCreated() throws Exception {
        try (LocalCluster first = TestClusters.start(dataDir.resolve("first"), 1)) {
            ClusterSpec clash = ClusterSpec.local(dataDir.resolve("second"), 1)
                .withPorts(first.spec().clientPort(), first.spec().controllerPort());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalCluster.start(clash))
                .isInstanceOf(PortInUseException.class)
                .hasMessageContaining("port " + first.spec().clientPort())
                .hasMessageContaining("already in use");
            assertThat(Files.exists(dataDir.resolve("second"))).as("no data directory half-made").isFalse();
        }
    }

    private static void createTopic(LocalCluster cluster, String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            // The broker's metadata cache learns of a new topic a moment after the controller does.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admin.listTopics().names().get().contains(name));
        }
    }

    private static int partitionCount(LocalCluster cluster, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    private static void produce(LocalCluster cluster, int from, int count) throws Exception {
        try (KafkaProducer<String, String> producer = Records.producer(cluster)) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, Integer.toString(i), "sale-" + i));
            }
            producer.flush();
        }
    }
}
