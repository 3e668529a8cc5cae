package io.tillstream.pipeline;

import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.pipeline.query.HttpApi;
import io.tillstream.pipeline.query.PipelineMetrics;
import io.tillstream.pipeline.topology.LatencyHistogram;
import io.tillstream.pipeline.topology.SalesTopology;
import io.tillstream.security.HttpAccess;
import io.tillstream.security.UsersFile;
import io.tillstream.security.UsersFileException;
import io.tillstream.serde.AvroSerdeConfig;
import io.tillstream.serde.SubjectNameStrategy;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.avro.Schema;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The sales pipeline: Kafka Streams running {@link SalesTopology} with exactly-once processing, and
 * the HTTP query API over its state. Run it several times with one application id and the
 * instances share the partitions; any of them answers a query for all.
 *
 * <pre>{@code
 * SalesPipeline pipeline = SalesPipeline.create(new PipelineConfig(Map.of(
 *     "bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081")));
 * pipeline.start();
 * pipeline.awaitRunning(Duration.ofMinutes(1));
 * }</pre>
 */
public final class SalesPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SalesPipeline.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final String PRODUCER_BATCH_SIZE = String.valueOf(256 * 1024);
    private static final String COMMIT_INTERVAL_MS = "1000";
    private static final String RESTORE_FETCH_MAX_WAIT_MS = "50";
    private static final String RETRY_BACKOFF_MS = "10";
    private static final String MAX_POLL_RECORDS = "5000";
    private static final String MAX_PARTITION_FETCH_BYTES = String.valueOf(4 * 1024 * 1024);
    private static final String MAX_TASK_IDLE_MS = String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    private static final Executor SETUP_THREAD = task -> {
        Thread thread = new Thread(task, "tillstream-pipeline-setup");
        thread.setDaemon(true);
        thread.start();
    };

    private final PipelineConfig config;
    /** Made in {@link #start()}, on the thread that registers the output schemas. */
    private SchemaRegistryClient registry;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final MetricsEndpoint metrics = new MetricsEndpoint();
    private final PipelineMetrics pipelineMetrics = new PipelineMetrics(latency, metrics);
    private HttpApi http;
    private KafkaStreams streams;
    private boolean closed;

    private SalesPipeline(PipelineConfig config) {
        this.config = config;
    }

    /** A pipeline for {@code config}, not yet started. */
    public static SalesPipeline create(PipelineConfig config) {
        return new SalesPipeline(config);
    }

    /**
     * Checks that Kafka answers and has the source topic and creates the missing output topics, meanwhile registers
     * the output schemas (which proves the registry answers), starts the HTTP API and makes Kafka Streams; starts it
     * once the topics are there and returns ({@link #awaitRunning} waits for processing). On failure nothing is left
     * running.
     *
     * @throws PipelineUnreachableException if Kafka or the Schema Registry cannot be reached
     * @throws PipelineException            for any other reason it cannot start (no source topic, port taken, ...)
     */
    public synchronized void start() {
        // The topics' checks wait on Kafka and the schemas' registration on the registry, while the registry client's
        // making (an HTTP client and its TLS context), the HTTP API's start and Kafka Streams' making (its clients, which
        // connect only once started) are the start's work for the CPU: each goes on beside the others. Only Streams'
        // start needs the topics.
        Properties properties = streamsProperties();
        Map<String, Object> adminSettings = new StreamsConfig(properties).getAdminConfigs(config.applicationId() + "-setup");
        CompletableFuture<Void> topics = CompletableFuture.runAsync(() -> setUpTopics(adminSettings), SETUP_THREAD);
        CompletableFuture<SchemaRegistryClient> registryClient = CompletableFuture.supplyAsync(
            () -> new CachedSchemaRegistryClient(config.clientSettings()), SETUP_THREAD);
        CompletableFuture<Void> schemas = registryClient.thenAcceptAsync(this::registerOutputSchemas, SETUP_THREAD);
        try {
            http = HttpApi.create(config.httpHost(), config.httpPort(), latency, metrics, access(), config.https().orElse(null),
                new SchemaRegistryClientConfig(config.clientSettings()).sslContext());
            startHttp();
            HostInfo self = new HostInfo(config.httpHost(), http.port());
            properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            registry = await(registryClient);
            Topology topology = new SalesTopology(config.topics(), config.windowGrace(), config.windowRetention(),
                config.clientSettings(), registry, latency).build();
            streams = new KafkaStreams(topology, properties);
            streams.setUncaughtExceptionHandler(e -> {
                // E.g. the registry out of reach: the thread restarts from the last commit, so nothing is lost or doubled.
                log.error("A stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            pipelineMetrics.bindTo(streams, metrics, String.valueOf(properties.getOrDefault(
                StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, Sensor.RecordingLevel.INFO.name)));
            http.serve(streams, topology.describe(), self);
            await(topics);
            await(schemas);
            streams.start();
        } catch (RuntimeException e) {
            schemas.handle((done, failure) -> done).join();
            registry = registryClient.handle((client, failure) -> client).join();
            // Kafka out of reach or without the source topic is what a user must hear of first, as when the topics were
            // checked before anything else started.
            RuntimeException topicsFailure = topics.handle((done, failure) -> failure == null ? null : unwrapped(failure)).join();
            close();
            throw topicsFailure != null ? topicsFailure : e;
        }
    }

    private void setUpTopics(Map<String, Object> adminSettings) {
        try (Admin admin = Admin.create(adminSettings)) {
            TopicSetup topics = new TopicSetup(admin, config.bootstrapServers(), config.clientSettings(), config.startupTimeout());
            int partitions = topics.sourcePartitions(config.topics().source());
            topics.createMissing(config.topics(), partitions, config.windowRetention());
        }
    }

    /** Waits for a step begun in {@link #start()} on a thread of its own; its own failure rather than the future's wrapper. */
    private static <T> T await(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    private static RuntimeException unwrapped(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /**
     * Blocks until every stream thread is processing.
     *
     * @throws PipelineException if Kafka Streams fails first, or {@code timeout} passes
     */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.NOT_RUNNING) {
                throw new PipelineException("Kafka Streams stopped while starting (state " + state + "); run with -v for its logs");
            }
            if (System.nanoTime() > deadline) {
                throw new PipelineException("Kafka Streams is not running after " + timeout.toSeconds() + " s (state " + state + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PipelineException("interrupted while waiting for Kafka Streams to run", e);
            }
        }
    }

    /** Kafka Streams' state; {@code CREATED} before {@link #start()}. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    private HttpAccess access() {
        try {
            return config.usersFile() == null ? null : new HttpAccess(UsersFile.read(Path.of(config.usersFile())), Set.of());
        } catch (UsersFileException e) {
            throw new PipelineException(PipelineConfig.USERS_FILE_CONFIG + ": " + e.getMessage(), e);
        }
    }

    /** The HTTP API's base URL, e.g. {@code http://127.0.0.1:7070}; the port is the chosen one when configured as 0. */
    public synchronized String httpUrl() {
        return http.scheme() + "://" + config.httpHost() + ":" + http.port();
    }

    /** Stops Kafka Streams (committing what it processed) and the HTTP API; calling it twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streams != null) {
            // Streams stays in its group after a close by default, and the next start with this application id waits
            // for the group to drop that member when its session times out (45 s): leaving lets it in at once.
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
        }
        if (http != null) {
            http.close();
        }
        pipelineMetrics.close();
        if (registry != null) {
            registry.close();
        }
    }

    /** Kafka Streams' settings: the client settings given, and the pipeline's own defaults where those leave a setting open. */
    Properties streamsProperties() {
        Properties properties = new Properties();
        Set<String> own = PipelineConfig.configDef().names();
        config.clientSettings().forEach((key, value) -> {
            if (!own.contains(key)) {
                properties.put(key, value);
            }
        });
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Every sale is a record of sales_enriched and, most often, of the totals' changelog (a customer's first sale
        // since the commit): bigger batches mean fewer requests for the producer's thread and the broker to handle.
        // Streams' own linger.ms (100) stays: under exactly-once nothing written is read before the commit, a second
        // apart, so lingering delays no reader; 5 ms and Kafka's 16 KB batches cost process and broker together 1.4
        // times the CPU per sale (docs/benchmarks.md).
        defaultClientSetting(properties, StreamsConfig.PRODUCER_PREFIX, ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_SIZE);
        // Exactly-once commits every 100 ms by default; each commit is a transaction over every partition written.
        // The queryable totals are current without a commit, so committing once a second costs only the readers of
        // the output topics up to a second, and gains about a third in throughput.
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // Idling only orders records across a task's several input partitions (joins, merges); every task here reads
        // one partition. Yet with idling on, Kafka Streams 4.4 formats a log line with String.format for each empty
        // partition every time it asks a task whether it can process, logged or not: 6 % of the stream thread.
        properties.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, MAX_TASK_IDLE_MS);
        // The start waits retry.backoff.ms where nothing failed: Kafka Streams between its checks that the internal
        // topics it just made are ready (three times at a first start), the producer between finding its transaction
        // coordinator and asking it for a producer id. Each is ready within milliseconds here, and Kafka's 100 ms cost
        // a first start 0.3 to 0.4 s (docs/benchmarks.md). Failed requests still back off exponentially, up to
        // retry.backoff.max.ms.
        properties.putIfAbsent(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS);
        // Kafka Streams polls at most 1,000 records and fetches at most 1 MB a partition: each poll of a stream thread
        // that is catching up then goes round its whole loop (punctuators, commit checks, metrics) for a few
        // milliseconds of work, and the broker answers more, smaller fetches. 5,000 records and 4 MB a partition: 1.19
        // times the throughput over a backlog and a fifth less of the broker's CPU (docs/benchmarks.md); a poll of the
        // live stream returns what has arrived, as before.
        defaultClientSetting(properties, StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        defaultClientSetting(properties, StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            MAX_PARTITION_FETCH_BYTES);
        // A store is restored once its changelog has been read to the end, and the last fetch of a changelog finds
        // nothing more: with the consumer's 500 ms wait for data, the restoration at start took a second longer.
        defaultClientSetting(properties, StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            RESTORE_FETCH_MAX_WAIT_MS);
        return properties;
    }

    /**
     * Sets {@code key} for one of Kafka Streams' clients ({@code clientPrefix}: {@code producer.}, {@code main.consumer.},
     * ...) unless the given settings have it for that client, or for every client or every consumer, which a prefixed
     * setting would override.
     */
    private static void defaultClientSetting(Properties properties, String clientPrefix, String key, String value) {
        boolean setMoreWidely = properties.containsKey(key)
            || !clientPrefix.equals(StreamsConfig.PRODUCER_PREFIX) && properties.containsKey(StreamsConfig.consumerPrefix(key));
        if (!setMoreWidely) {
            properties.putIfAbsent(clientPrefix + key, value);
        }
    }

    /** Registers up front what the serdes would on first write, so that an unreachable registry fails the start. */
    private void registerOutputSchemas(SchemaRegistryClient registry) {
        SubjectNameStrategy subjects = new AvroSerdeConfig(config.clientSettings()).subjectNameStrategy(false);
        Topics topics = config.topics();
        register(registry, subjects, topics.enriched(), EnrichedSale.getClassSchema());
        register(registry, subjects, topics.perMinute(), SalesTotals.getClassSchema());
        for (Breakdown breakdown : Breakdown.withTopics()) {
            register(registry, subjects, topics.aggregate(breakdown), SalesTotals.getClassSchema());
        }
    }

    private static void register(SchemaRegistryClient registry, SubjectNameStrategy subjects, String topic, Schema schema) {
        String subject = subjects.subjectName(topic, false, SubjectNameStrategy.recordName(schema));
        try {
            registry.register(subject, schema, false);
        } catch (RegistryConnectionException e) {
            throw new PipelineUnreachableException("cannot reach the Schema Registry: " + e.getMessage(), e);
        } catch (RegistryClientException e) {
            throw new PipelineException("the Schema Registry refused schema " + schema.getFullName() + " for subject "
                + subject + ": " + e.registryMessage(), e);
        }
    }

    private void startHttp() {
        try {
            http.start();
        } catch (RuntimeException e) {
            throw new PipelineException("cannot listen on " + config.httpHost() + ":" + config.httpPort() + " for the HTTP API: "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
