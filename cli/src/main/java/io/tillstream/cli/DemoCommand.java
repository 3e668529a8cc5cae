package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.pipeline.PipelineConfig;
import io.tillstream.pipeline.PipelineException;
import io.tillstream.pipeline.SalesPipeline;
import io.tillstream.retail.RawData;
import io.tillstream.retail.generator.GeneratorConfig;
import io.tillstream.retail.generator.SalesGenerator;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import io.tillstream.sink.LakeSink;
import io.tillstream.sink.SinkConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code tillstream demo}: the whole flow in one process — Kafka with {@code raw_data}, the Schema
 * Registry, the sales processor and a synthetic generator at a watchable rate — until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole flow on this machine until Ctrl-C: Kafka (KRaft) with raw_data, the Schema Registry,"
        + " the sales processor with its HTTP API, and a synthetic sales generator.",
        "Prints where to look and what to try next."})
final class DemoCommand implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** At the demo's rate, files every 10 s rather than the sink's minute, so the lake fills while one watches. */
    private static final Duration LAKE_ROLL = Duration.ofSeconds(10);

    @Mixin
    LocalPlatformOptions platformOptions;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "10",
        description = "Synthetic sales per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic sales (default: random, printed).")
    Long seed;

    @Option(names = "--format", paramLabel = "avro|jsonschema|protobuf|json", defaultValue = GeneratorConfig.FORMAT_AVRO,
        description = "The format the generator writes sales in; the processor reads every one (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "7070",
        description = "Port of the processor's HTTP API (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private final Shutdown shutdown = new Shutdown();

    @Override
    public Integer call() {
        if (rate < 1) {
            throw new CommandFailedException("--rate must be at least 1, not " + rate, ExitCode.USAGE);
        }
        List<String> formats = List.of(GeneratorConfig.FORMAT_AVRO, GeneratorConfig.FORMAT_JSON_SCHEMA,
            GeneratorConfig.FORMAT_PROTOBUF, GeneratorConfig.FORMAT_JSON);
        if (!formats.contains(format)) {
            throw new CommandFailedException("--format must be one of " + String.join(", ", formats) + ", not " + format,
                ExitCode.USAGE);
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalPlatform platform = LocalPlatform.start(platformOptions, verbosity, spec.commandLine().getErr(),
            this::startPipeline, httpPort == 0 ? null : platformOptions.httpScheme() + "://" + ClusterSpec.LOOPBACK + ":" + httpPort);
        // The sink and the generator each make their clients and read their schemas: side by side.
        CompletableFuture<LakeSink> lakeStart = LocalPlatform.inBackground("lake", () -> {
            LakeSink made = LakeSink.create(new SinkConfig(lakeSettings(platform)));
            made.start();
            return made;
        });
        SalesGenerator running;
        try {
            Map<String, Object> kafka = new HashMap<>(platform.access().kafkaSecurity());
            kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
            running = SalesGenerator.open(new GeneratorConfig(generatorSettings()), kafka,
                platform.access().registryClientSettings(), (file, row) -> { });
            platform.metrics().ifPresent(running::serveMetrics);
        } catch (RuntimeException e) {
            lakeStart.thenAccept(LakeSink::close).exceptionally(failure -> null).join();
            platform.close();
            throw e;
        }
        PrintWriter err = spec.commandLine().getErr();
        LakeSink lake;
        try {
            lake = LocalPlatform.await(lakeStart);
        } catch (RuntimeException e) {
            running.close();
            platform.close();
            throw e;
        }
        try {
            // Kafka Streams' first rebalance and its stores' restoration went on while the console, the generator and
            // the sink started; the guide is printed once the processor is processing.
            platform.processor().awaitRunning(READY_TIMEOUT);
        } catch (PipelineException e) {
            lake.close();
            running.close();
            platform.close();
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
        CompletableFuture<Void> landing = CompletableFuture.runAsync(lake::run).whenComplete((done, failure) -> {
            lake.close();
            if (failure != null) {
                err.println("warning: the lake sink stopped: " + failure.getCause().getMessage());
                err.flush();
            }
        });
        CompletableFuture<Void> sending = CompletableFuture.runAsync(running::run).whenComplete((done, failure) -> {
            if (failure != null) {
                err.println("warning: the sales generator stopped: " + failure.getCause().getMessage());
                err.flush();
            }
        });
        printGuide(out, platform, running, lake);
        shutdown.runUntilStopped(out, () -> {
            // The sink completes its open files and commits them while Kafka is still up.
            lake.stop();
            awaitQuietly(landing);
            closeAll(running, sending, platform);
        });
        return ExitCode.OK;
    }

    /** Asks a running demo to shut down as Ctrl-C would. */
    void stop() {
        shutdown.request();
    }

    /**
     * The processor, its HTTP API listening before the console starts so that the console's Sales page can read it;
     * returns without waiting for Kafka Streams to be processing ({@link #call()} waits for that).
     */
    private SalesPipeline startPipeline(LocalCluster cluster, LocalPlatform.Access access) {
        Map<String, Object> settings = new HashMap<>(access.kafkaSecurity());
        settings.putAll(access.registryClientSettings());
        settings.put(PipelineConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        settings.put(PipelineConfig.HTTP_HOST_CONFIG, ClusterSpec.LOOPBACK);
        settings.put(PipelineConfig.HTTP_PORT_CONFIG, httpPort);
        settings.put(PipelineConfig.STATE_DIR_CONFIG, cluster.dataDirectory().root().resolve("streams").toString());
        if (access.httpUsersFile() != null) {
            settings.put(PipelineConfig.USERS_FILE_CONFIG, access.httpUsersFile().toString());
        }
        if (access.https() != null) {
            settings.put(PipelineConfig.HTTP_TLS_KEYSTORE_LOCATION_CONFIG, access.https().keystore().toString());
            settings.put(PipelineConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, access.https().password());
        }
        SalesPipeline pipeline = SalesPipeline.create(new PipelineConfig(settings));
        try {
            pipeline.start();
            return pipeline;
        } catch (PipelineException e) {
            pipeline.close();
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
    }

    /** The sink from sales_enriched into DATA_DIR/lake, signed in as the platform's own parts are. */
    private static Map<String, Object> lakeSettings(LocalPlatform platform) {
        Map<String, Object> settings = new HashMap<>(platform.access().kafkaSecurity());
        settings.putAll(platform.access().registryClientSettings());
        settings.put(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        settings.put(SinkConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl());
        settings.put(SinkConfig.PATH_CONFIG, LocalPlatform.lakeDirectory(platform.cluster()).toString());
        settings.put(SinkConfig.ROLL_INTERVAL_MS_CONFIG, LAKE_ROLL.toMillis());
        return settings;
    }

    private Map<String, Object> generatorSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(GeneratorConfig.RATE_CONFIG, Integer.toString(rate));
        settings.put(GeneratorConfig.FORMAT_CONFIG, format);
        if (seed != null) {
            settings.put(GeneratorConfig.SEED_CONFIG, seed);
        }
        return settings;
    }

    private void printGuide(PrintWriter out, LocalPlatform platform, SalesGenerator generator, LakeSink lake) {
        String api = platform.processor().httpUrl() + "/api/v1/sales";
        out.println("Tillstream demo is running. Ctrl-C stops it.");
        out.printf("  Kafka %-11s %s (KRaft), topic %s with %d partitions%n", KafkaVersion.current(),
            platform.bootstrapServers(), RawData.TOPIC, platform.salesPartitions());
        out.printf("  Schema Registry   %s%n", platform.registryUrl());
        platform.consoleUrl().ifPresent(url -> out.printf("  Control Center    %s/#/sales (the processor's totals, live)%n", url));
        out.printf("  Sales generator   %d synthetic sales a second into %s%s (seed %d)%n", rate, RawData.TOPIC,
            format.equals(GeneratorConfig.FORMAT_AVRO) ? "" : " as " + format, generator.seed().orElse(0));
        out.printf("  Sales processor   %s (by-mall, by-category, by-payment-method, by-day, per-minute, top-customers)%n", api);
        out.printf("  Lake (Parquet)    %s (sales_enriched by invoice date, new files every %d s)%n", lake.lake(),
            LAKE_ROLL.toSeconds());
        platform.printSecurity(out);
        String config = platform.clientProperties().map(file -> " --command-config " + file).orElse("");
        String user = (platform.caCertificate().map(ca -> " --cacert " + ca).orElse(""))
            + (platform.clientProperties().isPresent() ? " -u USER:PASSWORD" : "");
        out.println("Try, in another terminal:");
        out.println("  ./tillstream consume --max 5 --print-key" + config);
        out.printf("  curl -s%s %s/by-mall%n", user, api);
        out.printf("  curl -s%s '%s/top-customers?limit=5'%n", user, api);
        out.println("  ./tillstream status" + config);
        out.println("  ./tillstream dead-letters list" + config + "   # rejected records by error; README's Dead letters redrives them");
        out.printf("  duckdb -c \"SELECT invoice_date, count(*), sum(price) FROM read_parquet('%s/**/*.parquet') GROUP BY 1\"%n",
            lake.lake());
        out.flush();
    }

    private static void closeAll(SalesGenerator generator, CompletableFuture<Void> sending, LocalPlatform platform) {
        generator.stop();
        awaitQuietly(sending);
        generator.close();
        platform.close();
    }

    private static void awaitQuietly(CompletableFuture<Void> task) {
        try {
            task.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException alreadyReported) {
            // A failure was printed when it happened; stopping goes on regardless.
        }
    }
}
