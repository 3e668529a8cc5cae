package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.metrics.MetricsServer;
import io.tillstream.metrics.MetricsServerException;
import io.tillstream.retail.SaleFileException;
import io.tillstream.retail.generator.GeneratorConfig;
import io.tillstream.retail.generator.GeneratorException;
import io.tillstream.retail.generator.RejectReport;
import io.tillstream.retail.generator.SalesGenerator;
import io.tillstream.retail.generator.Summary;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tillstream generate}: streams sales into a topic with {@link SalesGenerator}. The options are
 * the generator's settings ({@link GeneratorConfig}), whose docs and defaults they show.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, defaultValueProvider = GenerateCommand.Defaults.class,
    description = {"Stream retail sales into a Kafka topic: endless synthetic sales drawn from the dataset's"
        + " distributions, or the rows of a CSV file in the dataset's layout.",
        "Ends with a summary: sent, acknowledged, failed, rejected input rows, throughput, ack latency. Ctrl-C stops"
            + " sending, waits for outstanding acknowledgements and prints the summary."},
    footer = {"",
        "Rejected CSV rows are reported on standard error as FILE:LINE: REASON (the first " + GenerateCommand.REJECT_LINES
            + "), counted, and written to --rejects FILE; they do not make the exit code non-zero.",
        "",
        "Exit codes: 0 every record sent was acknowledged; 1 some were not (the summary says how many), or the topic"
            + " is not available; 2 bad command line, or the --file is missing or not in the dataset's layout;"
            + " 3 Kafka or the Schema Registry could not be reached within --timeout (nothing was sent)."})
final class GenerateCommand implements Callable<Integer> {

    static final int REJECT_LINES = 20;
    /** After the run's own bounded waits, how much longer Ctrl-C waits for the summary. */
    private static final Duration REPORT_GRACE = Duration.ofSeconds(10);

    @Option(names = "--source", paramLabel = "synthetic|csv",
        description = GeneratorConfig.SOURCE_DOC + " Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--file", paramLabel = "FILE", description = GeneratorConfig.FILE_DOC)
    Path file;

    @Option(names = "--rejects", paramLabel = "FILE", description = GeneratorConfig.REJECTS_DOC)
    Path rejects;

    @Option(names = "--rate", paramLabel = "N|max", description = GeneratorConfig.RATE_DOC + " Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--count", paramLabel = "N", description = GeneratorConfig.COUNT_DOC)
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = GeneratorConfig.DURATION_MS_DOC + " E.g. 30s, 5m.")
    Duration duration;

    @Option(names = "--speedup", paramLabel = "X", description = GeneratorConfig.SPEEDUP_DOC)
    Double speedup;

    @Option(names = "--topic", paramLabel = "NAME", description = GeneratorConfig.TOPIC_DOC + " Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--key", paramLabel = "FIELD", description = GeneratorConfig.KEY_DOC + " Default: ${DEFAULT-VALUE}.")
    String key;

    @Option(names = "--format", paramLabel = "avro|jsonschema|protobuf|json", description = GeneratorConfig.FORMAT_DOC + " Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--compression", paramLabel = "TYPE",
        description = GeneratorConfig.COMPRESSION_DOC + " Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--customers", paramLabel = "N", description = GeneratorConfig.CUSTOMERS_DOC + " Default: ${DEFAULT-VALUE}.")
    Integer customers;

    @Option(names = "--seed", paramLabel = "N", description = GeneratorConfig.SEED_DOC + " The seed used is printed.")
    Long seed;

    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "Serve the run's counts, acknowledgement latencies and the producer's metrics for Prometheus at"
            + " /metrics on this port (0 picks a free one) while it runs.")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = ClusterSpec.LOOPBACK,
        description = "The interface --metrics-port listens on (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    RegistryOptions registry;
    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        verbosity.configure();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GeneratorConfig config = new GeneratorConfig(settings());
        RejectReport report = new RejectReport(err, REJECT_LINES,
            rejects == null ? "are only counted; --rejects FILE keeps them all" : "are in " + rejects);
        try (SalesGenerator generator = open(config, report)) {
            ClusterConnection.open(connection).close();
            generator.seed().ifPresent(s -> out.printf("Seed %d: --seed %d repeats this stream.%n", s, s));
            out.flush();
            try (MetricsServer metrics = serveMetrics(generator, out);
                 StopOnSignal signal = StopOnSignal.install(generator::stop, config.timeout().plus(REPORT_GRACE))) {
                Summary summary = run(generator, config, err);
                SummaryBlock.print(out, summary);
                return verdict(summary);
            }
        }
    }

    /** The metrics server of {@code --metrics-port}, or null without it. */
    private MetricsServer serveMetrics(SalesGenerator generator, PrintWriter out) {
        if (metricsPort == null) {
            return null;
        }
        MetricsEndpoint endpoint = new MetricsEndpoint();
        generator.serveMetrics(endpoint);
        try {
            MetricsServer server = MetricsServer.start(metricsHost, metricsPort, endpoint);
            out.printf("Metrics at http://%s:%d%s%n", metricsHost, server.port(), MetricsEndpoint.PATH);
            out.flush();
            return server;
        } catch (MetricsServerException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
    }

    private SalesGenerator open(GeneratorConfig config, RejectReport report) {
        try {
            return SalesGenerator.open(config, connection.clientSettings(), registry.clientSettings(connection), report);
        } catch (SaleFileException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.USAGE, e);
        }
    }

    private static Summary run(SalesGenerator generator, GeneratorConfig config, PrintWriter err) {
        try (ProgressDisplay display = ProgressDisplay.start(generator::progress, config.count(), err)) {
            return generator.run();
        } catch (GeneratorException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
    }

    private static int verdict(Summary summary) {
        if (summary.delivered()) {
            return ExitCode.OK;
        }
        long missing = summary.progress().sent() - summary.progress().acknowledged();
        throw new CommandFailedException(missing + " of " + summary.progress().sent()
            + " records sent were not acknowledged" + summary.failure().map(f -> ": " + f).orElse(""), ExitCode.FAILED);
    }

    /** The options as generator settings; those without a value (no default either) stay unset. */
    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        putIfSet(settings, GeneratorConfig.SOURCE_CONFIG, source);
        putIfSet(settings, GeneratorConfig.FILE_CONFIG, file);
        putIfSet(settings, GeneratorConfig.REJECTS_CONFIG, rejects);
        putIfSet(settings, GeneratorConfig.RATE_CONFIG, rate);
        putIfSet(settings, GeneratorConfig.COUNT_CONFIG, count);
        putIfSet(settings, GeneratorConfig.DURATION_MS_CONFIG, duration == null ? null : duration.toMillis());
        putIfSet(settings, GeneratorConfig.SPEEDUP_CONFIG, speedup);
        putIfSet(settings, GeneratorConfig.TOPIC_CONFIG, topic);
        putIfSet(settings, GeneratorConfig.KEY_CONFIG, key);
        putIfSet(settings, GeneratorConfig.FORMAT_CONFIG, format);
        putIfSet(settings, GeneratorConfig.COMPRESSION_CONFIG, compression);
        putIfSet(settings, GeneratorConfig.CUSTOMERS_CONFIG, customers);
        putIfSet(settings, GeneratorConfig.SEED_CONFIG, seed);
        settings.put(GeneratorConfig.TIMEOUT_MS_CONFIG, connection.timeout().toMillis());
        return settings;
    }

    private static void putIfSet(Map<String, Object> settings, String name, Object value) {
        if (value != null) {
            settings.put(name, value instanceof Path ? value.toString() : value);
        }
    }

    /**
     * Shows the generator's own defaults in the help, so they are declared once, in {@link GeneratorConfig};
     * and gives --timeout a longer default than other commands, as it also bounds waiting for acknowledgements.
     */
    static final class Defaults implements IDefaultValueProvider {

        private static final Map<String, ConfigDef.ConfigKey> KEYS = GeneratorConfig.configDef().configKeys();

        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option)) {
                return null;
            }
            if (option.longestName().equals("--timeout")) {
                return DurationConverter.format(Duration.ofMillis((Long) KEYS.get(GeneratorConfig.TIMEOUT_MS_CONFIG).defaultValue));
            }
            ConfigDef.ConfigKey key = KEYS.get(option.longestName().substring(2));
            return key == null || key.defaultValue == null ? null : key.defaultValue.toString();
        }
    }
}
