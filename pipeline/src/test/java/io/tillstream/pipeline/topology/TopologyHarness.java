package io.tillstream.pipeline.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.pipeline.SalesTotals;
import io.tillstream.pipeline.Topics;
import io.tillstream.pipeline.Totals;
import io.tillstream.registry.testing.KafkaWithRegistry;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleJsonSchema;
import io.tillstream.serde.JsonSchemaEnvelope;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.KafkaJsonSchemaSerializer;
import io.tillstream.serde.KafkaProtobufSerializer;
import io.tillstream.serde.SpecificAvroSerde;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@link SalesTopology} in Kafka's own {@link TopologyTestDriver}: records go in and come out one at
 * a time without a broker, and the wall clock moves only when a test moves it. The Avro serdes use
 * the JVM's real Schema Registry ({@link KafkaWithRegistry#shared()}); each harness has topics, and
 * so subjects, of its own. A test class either registers one per test
 * ({@code @RegisterExtension final TopologyHarness topology = TopologyHarness.start();}, closed after
 * each test) or keeps one for all its tests in a static field and closes it itself.
 */
final class TopologyHarness implements AutoCloseable, AfterEachCallback {

    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration RETENTION = Duration.ofHours(1);
    /** Where the driver's wall clock starts. */
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private static final KafkaWithRegistry PLATFORM = KafkaWithRegistry.shared();

    final Topics topics;
    private final String applicationId = KafkaWithRegistry.unique("topology");
    private final SchemaRegistryClient topologyRegistry;
    private final KafkaAvroSerializer saleSerializer = new KafkaAvroSerializer();
    private final KafkaJsonSchemaSerializer<JsonNode> jsonSchemaSerializer = new KafkaJsonSchemaSerializer<>();
    private final KafkaProtobufSerializer<Message> protobufSerializer = new KafkaProtobufSerializer<>();
    private final Serde<EnrichedSale> enrichedSerde = new SpecificAvroSerde<>();
    private final Serde<SalesTotals> totalsSerde = new SpecificAvroSerde<>();
    private final TopologyTestDriver driver;
    private final TopologyDescription description;
    private final TestInputTopic<byte[], byte[]> source;
    private final TestInputTopic<String, PartitionTotals> partitionTotals;
    /** The driver's wall clock, which it does not tell. */
    private Instant now = START;

    private TopologyHarness(String topologyRegistryUrl) {
        String name = KafkaWithRegistry.unique("sales");
        this.topics = new Topics(name, name + "_dlq", name + "_enriched", name + "_");
        Map<String, Object> realRegistry = Map.of("schema.registry.url", PLATFORM.registryUrl());
        saleSerializer.configure(realRegistry, false);
        jsonSchemaSerializer.configure(realRegistry, false);
        protobufSerializer.configure(realRegistry, false);
        enrichedSerde.configure(realRegistry, false);
        totalsSerde.configure(realRegistry, false);

        Map<String, Object> topologyRegistrySettings = Map.of("schema.registry.url", topologyRegistryUrl);
        this.topologyRegistry = new CachedSchemaRegistryClient(topologyRegistrySettings);
        SalesTopology topology = new SalesTopology(topics, GRACE, RETENTION, topologyRegistrySettings, topologyRegistry,
            new LatencyHistogram());
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "never-contacted:9092");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, PLATFORM.dataDir().resolve("streams").resolve(applicationId).toString());
        Topology built = topology.build();
        this.description = built.describe();
        this.driver = new TopologyTestDriver(built, settings, START);
        this.source = driver.createInputTopic(topics.source(), new ByteArraySerializer(), new ByteArraySerializer());
        this.partitionTotals = driver.createInputTopic(applicationId + "-" + SalesTopology.PARTITION_TOTALS + "-repartition",
            new StringSerializer(), TotalsSerdes.partitionTotals().serializer());
    }

    /** The topology with its serdes on the shared registry. */
    static TopologyHarness start() {
        return new TopologyHarness(PLATFORM.registryUrl());
    }

    /** The topology with its serdes on a registry at {@code url}; test records are still written through the real one. */
    static TopologyHarness withTopologyRegistryAt(String url) {
        return new TopologyHarness(url);
    }

    /** {@code record} as the generator writes it: Confluent's wire format, its schema in the real registry. */
    byte[] avro(Object record) {
        return saleSerializer.serialize(topics.source(), record);
    }

    /**
     * A sale's JSON as {@code generate --format jsonschema} writes it; under a subject of its own, since
     * the registry keeps one schema type per subject and the source's may already be Avro.
     */
    byte[] jsonSchema(JsonNode sale) {
        return jsonSchemaSerializer.serialize(topics.source() + "-jsonschema", JsonSchemaEnvelope.of(SaleJsonSchema.SCHEMA, sale));
    }

    /** A sale's message as {@code generate --format protobuf} writes it, under a subject of its own as for JSON Schema. */
    byte[] protobuf(Message sale) {
        return protobufSerializer.serialize(topics.source() + "-protobuf", sale);
    }

    /** Sends {@code sale} keyed by its invoice number, stamped with the driver's wall-clock time. */
    void send(Sale sale) {
        send(sale.getInvoiceNo().getBytes(StandardCharsets.UTF_8), avro(sale), new RecordHeaders(), now);
    }

    void send(byte[] key, byte[] value, Headers headers, Instant timestamp) {
        source.pipeInput(new TestRecord<>(key, value, headers, timestamp));
    }

    /** Pipes a partition's report to the merger, as the repartition topic would deliver it. */
    void report(String key, PartitionTotals totals) {
        partitionTotals.pipeInput(key, totals, now);
    }

    /** Moves the driver's wall clock, running the punctuations that come due. */
    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        now = now.plus(duration);
    }

    List<TestRecord<byte[], EnrichedSale>> enriched() {
        return driver.createOutputTopic(topics.enriched(), new ByteArrayDeserializer(), enrichedSerde.deserializer())
            .readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList();
    }

    /** What went to {@code breakdown}'s compacted topic since the last call, oldest first, as exact totals. */
    List<KeyValue<String, Totals>> aggregate(Breakdown breakdown) {
        return totals(topics.aggregate(breakdown));
    }

    /** What went to the per-minute topic since the last call, oldest first, as exact totals. */
    List<KeyValue<String, Totals>> perMinute() {
        return totals(topics.perMinute());
    }

    private List<KeyValue<String, Totals>> totals(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), totalsSerde.deserializer()).readKeyValuesToList()
            .stream()
            .map(record -> KeyValue.pair(record.key, Totals.of(record.value.getRevenue(), record.value.getQuantity(),
                record.value.getInvoices())))
            .toList();
    }

    KeyValueStore<String, Totals> totalsStore() {
        return driver.getKeyValueStore(SalesTopology.TOTALS_STORE);
    }

    WindowStore<String, Totals> perMinuteStore() {
        return driver.getWindowStore(SalesTopology.PER_MINUTE_STORE);
    }

    KeyValueStore<String, SplitTotals> mergedStore() {
        return driver.getKeyValueStore(SalesTopology.MERGED_STORE);
    }

    TopologyDescription description() {
        return description;
    }

    /** Kafka Streams' metrics of the driver's tasks, as {@code KafkaStreams.metrics()} gives a running instance's. */
    Map<MetricName, ? extends Metric> metrics() {
        return driver.metrics();
    }

    KeyValueStore<String, Long> deadLetterCounts() {
        return driver.getKeyValueStore(SalesTopology.DEAD_LETTER_STORE);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        driver.close();
        saleSerializer.close();
        jsonSchemaSerializer.close();
        protobufSerializer.close();
        enrichedSerde.close();
        totalsSerde.close();
        topologyRegistry.close();
    }
}
