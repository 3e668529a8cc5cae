package io.tillstream.console;

import io.tillstream.pipeline.PipelineConfig;
import io.tillstream.pipeline.SalesPipeline;
import io.tillstream.retail.generator.GeneratorConfig;
import io.tillstream.retail.generator.SalesGenerator;
import io.tillstream.retail.generator.Summary;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real sales pipeline over the test environment's cluster and registry, reading a source topic
 * of its own (so tests keep apart), and the synthetic generator that feeds it.
 */
final class SalesFixture implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private final Environment env;
    private final String topic;
    private final SalesPipeline pipeline;

    private SalesFixture(Environment env, String topic, SalesPipeline pipeline) {
        this.env = env;
        this.topic = topic;
        this.pipeline = pipeline;
    }

    /** Creates a source topic and starts a pipeline on it; returns once Kafka Streams processes. */
    static SalesFixture start(Environment env) throws ExecutionException, InterruptedException {
        String topic = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        SalesPipeline pipeline = SalesPipeline.create(new PipelineConfig(Map.of(
            PipelineConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            PipelineConfig.SCHEMA_REGISTRY_URL_CONFIG, env.registryUrl(),
            PipelineConfig.APPLICATION_ID_CONFIG, topic + "-app",
            PipelineConfig.SOURCE_TOPIC_CONFIG, topic,
            PipelineConfig.DEAD_LETTER_TOPIC_CONFIG, topic + "_dlq",
            PipelineConfig.ENRICHED_TOPIC_CONFIG, topic + "_enriched",
            PipelineConfig.AGGREGATE_TOPIC_PREFIX_CONFIG, topic + "_",
            PipelineConfig.STATE_DIR_CONFIG, env.dataDir().resolve("streams").resolve(topic).toString(),
            PipelineConfig.HTTP_PORT_CONFIG, 0)));
        try {
            pipeline.start();
            pipeline.awaitRunning(START_PATIENCE);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return new SalesFixture(env, topic, pipeline);
    }

    /** The topic the pipeline reads. */
    String sourceTopic() {
        return topic;
    }

    /** Where the pipeline sends what it cannot take. */
    String deadLetterTopic() {
        return topic + "_dlq";
    }

    /** Where the pipeline writes each sale with its invoice date's parts, as the Parquet sink reads it. */
    String enrichedTopic() {
        return topic + "_enriched";
    }

    /** The pipeline's HTTP API, as {@code --sales-api-url} takes it. */
    String url() {
        return pipeline.httpUrl();
    }

    /** Sends {@code count} synthetic sales at {@code rate} a second ("max": as fast as Kafka takes them); returns once all are acknowledged. */
    void send(long count, String rate) {
        try (SalesGenerator generator = SalesGenerator.open(new GeneratorConfig(Map.of(
                GeneratorConfig.TOPIC_CONFIG, topic,
                GeneratorConfig.COUNT_CONFIG, count,
                GeneratorConfig.RATE_CONFIG, rate)),
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()),
            Map.of("schema.registry.url", env.registryUrl()), (file, row) -> { })) {
            Summary summary = generator.run();
            assertThat(summary.delivered()).as("generator: " + summary.failure()).isTrue();
        }
    }

    /** The invoices the pipeline counted so far, by its own answer; 0 while it cannot answer. */
    long invoicesCounted() {
        Client.Response byMall = new Client(url()).get("/api/v1/sales/by-mall");
        return byMall.status() != 200 ? 0 : StreamSupport.stream(byMall.body().get("rows").spliterator(), false)
            .mapToLong(row -> row.get("invoices").asLong()).sum();
    }

    /** Stops the pipeline; its API no longer answers. */
    @Override
    public void close() {
        pipeline.close();
    }
}
