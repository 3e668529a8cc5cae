package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's own alerts and its lag metrics, against a real group falling behind and a real dead-letter topic. */
@ExtendWith(Environment.Extension.class)
class AlertsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static boolean firing(Client client, String name, String subject) {
        JsonNode alerts = client.get("/api/v1/alerts").body().get("alerts");
        return StreamSupport.stream(alerts.spliterator(), false)
            .anyMatch(a -> a.get("name").asText().equals(name) && a.get("subject").asText().equals(subject));
    }

    @Test
    void aGroupFallingBehindAndNewDeadLettersRaiseAlertsThatClearWhenTheyStop(Environment env) throws Exception {
        String deadLetters = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        try (ControlCenter console = env.startConsole(Map.of(ConsoleConfig.ALERT_WINDOW_MS_CONFIG, 2_000L,
            ConsoleConfig.DEAD_LETTER_TOPICS_CONFIG, deadLetters))) {
            Client client = new Client(console.url());
            String topic = ConsoleApiTest.newTopic(client, 1);
            assertThat(client.post("/api/v1/topics", Map.of("name", deadLetters, "partitions", 1)).status()).isEqualTo(201);
            // A dead-letter topic's records before the console first sampled it are no news; make sure it has.
            assertThat(client.get("/api/v1/topics/" + deadLetters).status()).isEqualTo(200);
            String group = "behind-" + UUID.randomUUID().toString().substring(0, 8);
            GroupsApiTest.produce(env, topic, 1);
            GroupsApiTest.consumerThatCommitted(env, group, "c", List.of(topic), 1).close();
            assertThat(client.get("/api/v1/alerts").body().get("alerts")).isEmpty();

            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", env.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                    while (producing.get()) {
                        p.send(new ProducerRecord<>(topic, "k", "sale"));
                        p.flush();
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            try {
                GroupsApiTest.produce(env, deadLetters, 1);
                // Within the window after it came, which may end before the lag has grown for a whole window.
                await().atMost(PATIENCE).until(() -> firing(client, "DeadLettersRising", deadLetters));
                await().atMost(PATIENCE).until(() -> firing(client, "ConsumerGroupLagGrowing", group));

                String metrics = client.get("/metrics").text();
                String lag = "kafka_consumergroup_lag{consumergroup=\"" + group + "\",partition=\"0\",topic=\"" + topic + "\"} ";
                assertThat(metrics).contains(lag).contains("kafka_consumergroup_lag_sum{consumergroup=\"" + group + "\"} ")
                    .contains("tillstream_console_sample_duration_seconds_count ")
                    .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/alerts\",status=\"200\"} ");
                double behind = metrics.lines().filter(l -> l.startsWith(lag))
                    .mapToDouble(l -> Double.parseDouble(l.substring(lag.length()))).findFirst().orElseThrow();
                assertThat(behind).isGreaterThan(1);
            } finally {
                producing.set(false);
                producer.join();
            }
            // The group catches up: its lag falls, so it no longer grows.
            GroupsApiTest.consumerThatCommitted(env, group, "c2", List.of(topic), 1).close();
            await().atMost(PATIENCE).until(() -> !firing(client, "ConsumerGroupLagGrowing", group)
                && !firing(client, "DeadLettersRising", deadLetters));
        }
    }
}
