package io.tillstream.cluster;

import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.metrics.ExpositionFormat;
import io.tillstream.metrics.MetricsEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerMetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void brokerMetricsAreServedUnderTheJmxExporterNamesAndCountTraffic() throws Exception {
        MetricsEndpoint endpoint = new MetricsEndpoint();
        endpoint.register(new BrokerMetrics());
        try (LocalCluster cluster = TestClusters.start(dataDir, 1)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("metered", 2, (short) 1))).all().get();
            }
            String before = scrape(endpoint);
            try (KafkaProducer<String, String> producer = Records.producer(cluster)) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("metered", Integer.toString(i), "sale-" + i));
                }
                producer.flush();
            }
            String after = scrape(endpoint);

            assertThat(value(after, "kafka_server_brokertopicmetrics_messagesin_total{topic=\"metered\"}").orElseThrow()
                - value(before, "kafka_server_brokertopicmetrics_messagesin_total{topic=\"metered\"}").orElse(0))
                .isEqualTo(100);
            assertThat(value(after, "kafka_server_brokertopicmetrics_bytesin_total{topic=\"metered\"}").orElseThrow())
                .isGreaterThan(100 * "sale-0".length());
            assertThat(value(after, "kafka_server_replicamanager_underreplicatedpartitions")).hasValue(0);
            assertThat(value(after, "kafka_controller_kafkacontroller_activecontrollercount")).hasValue(1);
            assertThat(value(after, "kafka_controller_kafkacontroller_offlinepartitionscount")).hasValue(0);
            assertThat(after).contains("kafka_server_replicamanager_isrshrinks_total")
                .contains("kafka_server_replicamanager_isrexpands_total")
                .contains("kafka_network_requestmetrics_totaltime_seconds{request=\"Produce\",quantile=\"0.99\"}")
                .contains("kafka_network_requestmetrics_requests_total{");
            assertThat(value(after, "kafka_log_log_size_bytes{partition=\"0\",topic=\"metered\"}")
                .orElseThrow() + value(after, "kafka_log_log_size_bytes{partition=\"1\",topic=\"metered\"}").orElseThrow())
                .isGreaterThan(100 * "sale-0".length());
        }
    }

    private static String scrape(MetricsEndpoint endpoint) {
        return new String(endpoint.render(ExpositionFormat.TEXT), StandardCharsets.UTF_8);
    }

    /** The value of the series written exactly as {@code series} (name and labels in the scrape's order). */
    private static OptionalDouble value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
            .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).findFirst();
    }
}
