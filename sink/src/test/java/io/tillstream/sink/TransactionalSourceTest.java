package io.tillstream.sink;

import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.TestPlatform;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A topic written in transactions, as the pipeline writes {@code sales_enriched}: each transaction
 * ends in a commit marker after its last record, which a read_committed consumer never returns. At
 * rest the sink's group must stand at the end of every partition (lag 0, not 1), an aborted
 * transaction must not land, and a sink started again on that group must land nothing twice.
 */
class TransactionalSourceTest {

    private static final int PARTITIONS = 3;
    private static final int TRANSACTIONS = 5;
    private static final int PER_TRANSACTION = 400;

    @TempDir
    Path dir;

    @Test
    void atRestTheGroupStandsPastTheCommitMarkersAndARestartLandsNothingTwice() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String topic = TestPlatform.unique("txn-source");
        platform.createTopic(topic, PARTITIONS);
        Path lake = dir.resolve("lake");
        Map<String, String> settings = SinkProcess.settings(platform, topic, lake, Map.of(
            SinkConfig.ROLL_RECORDS_CONFIG, "700",
            SinkConfig.ROLL_INTERVAL_MS_CONFIG, "300"));
        String group = settings.get(SinkConfig.GROUP_ID_CONFIG);
        SyntheticSales synthetic = new SyntheticSales(16, 2_000, Clock.systemUTC());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()));
             KafkaProducer<String, Object> producer = transactionalProducer(platform);
             LakeReader duckdb = new LakeReader(lake)) {
            producer.initTransactions();
            send(producer, topic, synthetic, TRANSACTIONS, true);
            send(producer, topic, synthetic, 1, false);
            int landed = TRANSACTIONS * PER_TRANSACTION;

            List<Path> filesAtRest;
            try (RunningSink sink = RunningSink.start(settings)) {
                awaitAtRest(duckdb, admin, topic, group, landed);
                filesAtRest = parquetFiles(lake);
                sink.stop();
            }
            assertThat(lag(admin, topic, group)).as("lag per partition after a clean stop")
                .containsOnlyKeys(partitions(topic)).allSatisfy((partition, lag) -> assertThat(lag).isZero());

            try (RunningSink again = RunningSink.start(settings)) {
                Thread.sleep(3_000);
                assertThat(parquetFiles(lake)).as("files after a restart at rest").isEqualTo(filesAtRest);
                send(producer, topic, synthetic, 1, true);
                landed += PER_TRANSACTION;
                awaitAtRest(duckdb, admin, topic, group, landed);
                again.stop();
            }
            assertThat(duckdb.count()).isEqualTo(landed);
            assertThat(duckdb.distinctInvoices()).isEqualTo(landed);
            assertThat(duckdb.misplaced()).isZero();
        }
    }

    private static void awaitAtRest(LakeReader duckdb, Admin admin, String topic, String group, int landed) {
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .untilAsserted(() -> {
                assertThat(duckdb.count()).isEqualTo(landed);
                assertThat(lag(admin, topic, group)).as("lag per partition at rest")
                    .containsOnlyKeys(partitions(topic)).allSatisfy((partition, lag) -> assertThat(lag).isZero());
            });
    }

    private static KafkaProducer<String, Object> transactionalProducer(TestPlatform platform) {
        return new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, TestPlatform.unique("txn-sales"),
            "schema.registry.url", platform.registryUrl()), new StringSerializer(), GeneratedSales.avroSerializer(platform));
    }

    /** Sends {@code count} transactions of sales spread over every partition, committed or aborted. */
    private static void send(KafkaProducer<String, Object> producer, String topic, SyntheticSales synthetic, int count,
                             boolean commit) {
        for (int t = 0; t < count; t++) {
            producer.beginTransaction();
            for (int i = 0; i < PER_TRANSACTION; i++) {
                Sale sale = synthetic.next();
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, sale.getInvoiceNo(), sale));
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.flush();
                producer.abortTransaction();
            }
        }
    }

    /** The group's lag per partition against the log end offset, as kafka-consumer-groups.sh shows it. */
    private static Map<TopicPartition, Long> lag(Admin admin, String topic, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream()
            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<TopicPartition, Long> lag = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                lag.put(partition, end.offset() - offset.offset());
            }
        });
        return lag;
    }

    private static Set<TopicPartition> partitions(String topic) {
        return Stream.iterate(0, p -> p + 1).limit(PARTITIONS).map(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
    }

    private static List<Path> parquetFiles(Path lake) throws Exception {
        try (Stream<Path> paths = Files.walk(lake)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }
}
