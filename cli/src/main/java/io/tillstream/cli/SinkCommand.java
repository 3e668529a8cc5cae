package io.tillstream.cli;

import io.tillstream.sink.Compression;
import io.tillstream.sink.LakeSink;
import io.tillstream.sink.SinkConfig;
import io.tillstream.sink.SinkException;
import io.tillstream.sink.SinkStatus;
import io.tillstream.sink.SinkUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code tillstream sink}: lands a topic as Parquet files partitioned by invoice date ({@link LakeSink})
 * until Ctrl-C, printing a status line every few seconds.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
    description = {"Land a topic (default: sales_enriched) as Parquet files under --path, Hive-style by invoice date"
        + " (invoice_year=2022/invoice_month=8/invoice_day=5/), columns typed from the records' registered schema (Avro, JSON Schema or Protobuf), until Ctrl-C"
        + " (or, with --exit-at-end, until it has landed what the topic held when it started).",
        "Exactly once: each file is named <topic>+<partition>+<first offset> and written under a hidden .tmp name; once"
            + " on disk its offset is committed, naming it, and only then is it renamed, so a restart after a kill lands"
            + " the same records again. Sinks run with one --group share the partitions; one that stalled and lost its"
            + " partitions publishes nothing.",
        "Records that cannot be landed (no registered schema, no invoice date, a value its column cannot hold) go to"
            + " <topic>_dlq with the reason in headers."},
    footer = {"", "Try: duckdb -c \"SELECT invoice_date, sum(price) FROM read_parquet('DIR/**/*.parquet') GROUP BY 1 ORDER BY 1\"",
        "Exit codes: 0 stopped by Ctrl-C, or landed to the end with --exit-at-end; 1 could not start or write (no such topic, lake not writable, ...);"
            + " 2 bad command line; 3 Kafka or the Schema Registry unreachable."})
final class SinkCommand implements Callable<Integer> {

    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = SinkConfig.DEFAULT_TOPIC,
        description = "Topic to land (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--path", paramLabel = "DIR", required = true, description = "The lake's directory; created if missing.")
    Path path;

    @Option(names = "--group", paramLabel = "ID", defaultValue = SinkConfig.DEFAULT_GROUP_ID,
        description = "Consumer group; sinks with one group share the partitions, and resume from its offsets"
            + " (default: ${DEFAULT-VALUE}). A new group starts at the oldest record.")
    String group;

    @Option(names = "--roll-records", paramLabel = "N", defaultValue = "" + SinkConfig.DEFAULT_ROLL_RECORDS,
        description = "Complete a partition's files once they hold N records (default: ${DEFAULT-VALUE}).")
    long rollRecords;

    @Option(names = "--roll-bytes", paramLabel = "BYTES", defaultValue = "" + SinkConfig.DEFAULT_ROLL_BYTES,
        description = "Complete a partition's files once they hold this many bytes (default: ${DEFAULT-VALUE}).")
    long rollBytes;

    @Option(names = "--held-max-bytes", paramLabel = "BYTES", defaultValue = SinkConfig.DEFAULT_HELD_MAX_BYTES + "",
        description = "Complete every partition's files once the records held for them all take this many bytes, so"
            + " that a backlog does not fill the heap (default: a quarter of the JVM's maximum heap).")
    long heldMaxBytes;

    @Option(names = "--roll-interval", paramLabel = "DURATION", defaultValue = SinkConfig.DEFAULT_ROLL_INTERVAL_MS + "ms",
        converter = DurationConverter.class,
        description = "Complete a partition's files this long after they were opened: how far the lake may lag"
            + " (default: ${DEFAULT-VALUE}).")
    Duration rollInterval;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = SinkConfig.DEFAULT_COMPRESSION,
        description = "Parquet page compression: zstd, snappy, gzip or none (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--dead-letter-topic", paramLabel = "NAME",
        description = "Where records that cannot be landed go (default: <topic>_dlq).")
    String deadLetterTopic;

    @Option(names = "--exit-at-end",
        description = "Land the records the topic holds now (up to each partition's end offset at the start), commit them"
            + " and exit, as a batch job: kcat's -e, Spark's Trigger.AvailableNow. Records sent meanwhile are left for the"
            + " next run.")
    boolean exitAtEnd;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
        description = "How often the status line is printed on standard error (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    RegistryOptions registry;
    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private volatile LakeSink running;
    private volatile boolean stopRequested;

    @Override
    public Integer call() {
        verbosity.configure();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LakeSink sink = LakeSink.create(new SinkConfig(settings()))) {
            sink.start();
            running = sink;
            if (stopRequested) {
                sink.stop();
            }
            out.printf("Landing %s into %s as group %s (dead letters to %s). %s%n", topic, sink.lake(), group,
                sink.deadLetterTopic(), exitAtEnd ? "It exits once it has landed what the topic holds now." : "Ctrl-C stops it.");
            out.flush();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sink-status");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(() -> printStatus(err, sink.status()), statusInterval.toMillis(),
                statusInterval.toMillis(), TimeUnit.MILLISECONDS);
            try (StopOnSignal signal = StopOnSignal.install(sink::stop, STOP_GRACE)) {
                sink.run();
                ticker.shutdownNow();
                printStatus(err, sink.status());
            } finally {
                ticker.shutdownNow();
            }
        } catch (SinkUnreachableException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.UNREACHABLE, e);
        } catch (SinkException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
        return ExitCode.OK;
    }

    /** Asks a running {@code sink} to complete its files and stop, as Ctrl-C would. */
    void stop() {
        stopRequested = true;
        LakeSink sink = running;
        if (sink != null) {
            sink.stop();
        }
    }

    private static void printStatus(PrintWriter err, SinkStatus status) {
        err.printf("%d records in %d files landed, %d open, %d dead letters, partitions %s, lag %s%n", status.records(),
            status.files(), status.openFiles(), status.deadLetters(), status.partitions(),
            status.lag() < 0 ? "unknown" : Long.toString(status.lag()));
        err.flush();
    }

    private Map<String, Object> settings() {
        try {
            Compression.of(compression);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("--compression: " + e.getMessage(), ExitCode.USAGE);
        }
        if (rollRecords < 1) {
            throw new CommandFailedException("--roll-records must be at least 1, not " + rollRecords, ExitCode.USAGE);
        }
        if (rollBytes < SinkConfig.MIN_BYTES) {
            throw new CommandFailedException("--roll-bytes must be at least " + SinkConfig.MIN_BYTES + ", not " + rollBytes,
                ExitCode.USAGE);
        }
        if (heldMaxBytes != SinkConfig.DEFAULT_HELD_MAX_BYTES && heldMaxBytes < SinkConfig.MIN_BYTES) {
            throw new CommandFailedException("--held-max-bytes must be at least " + SinkConfig.MIN_BYTES + ", not "
                + heldMaxBytes, ExitCode.USAGE);
        }
        if (statusInterval.toMillis() < 100) {
            throw new CommandFailedException("--status-interval must be at least 100ms, not " + statusInterval, ExitCode.USAGE);
        }
        if (rollInterval.toMillis() < 100) {
            throw new CommandFailedException("--roll-interval must be at least 100ms, not " + rollInterval, ExitCode.USAGE);
        }
        Map<String, Object> settings = connection.clientSettings();
        settings.putAll(registry.clientSettings());
        settings.put(SinkConfig.TOPIC_CONFIG, topic);
        settings.put(SinkConfig.PATH_CONFIG, path.toString());
        settings.put(SinkConfig.GROUP_ID_CONFIG, group);
        settings.put(SinkConfig.ROLL_RECORDS_CONFIG, rollRecords);
        settings.put(SinkConfig.ROLL_BYTES_CONFIG, rollBytes);
        settings.put(SinkConfig.HELD_MAX_BYTES_CONFIG, heldMaxBytes);
        settings.put(SinkConfig.ROLL_INTERVAL_MS_CONFIG, rollInterval.toMillis());
        settings.put(SinkConfig.COMPRESSION_CONFIG, compression);
        settings.put(SinkConfig.EXIT_AT_END_CONFIG, exitAtEnd);
        settings.put(SinkConfig.STARTUP_TIMEOUT_MS_CONFIG, connection.timeout().toMillis());
        if (deadLetterTopic != null) {
            settings.put(SinkConfig.DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
        }
        return settings;
    }
}
