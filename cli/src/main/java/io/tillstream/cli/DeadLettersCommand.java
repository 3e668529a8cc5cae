package io.tillstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.pipeline.PipelineConfig;
import io.tillstream.retail.deadletters.DeadLetter;
import io.tillstream.retail.deadletters.DeadLetterException;
import io.tillstream.retail.deadletters.DeadLetterFilter;
import io.tillstream.retail.deadletters.DeadLetterGroup;
import io.tillstream.retail.deadletters.DeadLetterLog;
import io.tillstream.retail.deadletters.Redrive;
import io.tillstream.serde.RecordJson;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tillstream dead-letters list|redrive}: what the Control Center's Dead letters page does, from the shell, with
 * the same domain code ({@link DeadLetterLog}, {@link Redrive}).
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
    description = "List a dead-letter topic's records grouped by error, and send them back to their source topic.",
    subcommands = {DeadLettersCommand.ListDeadLetters.class, DeadLettersCommand.RedriveDeadLetters.class})
final class DeadLettersCommand extends CommandGroup {

    static final String DEFAULT_TOPIC = PipelineConfig.DEFAULT_DEAD_LETTER_TOPIC;

    /** Which dead letters: the same conditions as the page's filter. */
    static final class Filters {
        @Option(names = "--group", paramLabel = "ID", description = "A group's id, as 'list' prints it.")
        String group;

        @Option(names = "--error-class", paramLabel = "CLASS", description = "decode, invalid, or another class a writer set.")
        String errorClass;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Only reasons containing TEXT (ignoring case).")
        String reason;

        @Option(names = "--source-partition", paramLabel = "N", description = "Only records from this source partition.")
        Integer sourcePartition;

        @Option(names = "--source-offsets", paramLabel = "FROM-TO",
            description = "Only records from these source offsets (inclusive; FROM- or -TO leave an end open).")
        String sourceOffsets;

        @Option(names = "--since", paramLabel = "TIME|DURATION",
            description = "Only records written at or after TIME (ISO-8601, e.g. 2026-11-29T16:00:00Z) or DURATION ago (30m).")
        String since;

        @Option(names = "--until", paramLabel = "TIME|DURATION", description = "Only records written at or before it.")
        String until;

        boolean any() {
            return group != null || errorClass != null || reason != null || sourcePartition != null || sourceOffsets != null
                || since != null || until != null;
        }

        DeadLetterFilter filter(Set<DeadLetter.RecordId> records) {
            Long from = null;
            Long to = null;
            if (sourceOffsets != null) {
                int dash = sourceOffsets.indexOf('-');
                try {
                    if (dash < 0) {
                        throw new NumberFormatException();
                    }
                    from = dash == 0 ? null : Long.parseLong(sourceOffsets.substring(0, dash).trim());
                    to = dash == sourceOffsets.length() - 1 ? null : Long.parseLong(sourceOffsets.substring(dash + 1).trim());
                } catch (NumberFormatException e) {
                    throw new CommandFailedException("--source-offsets must be FROM-TO, such as 100-250, not '"
                        + sourceOffsets + "'", ExitCode.USAGE);
                }
            }
            try {
                return new DeadLetterFilter(records, group, errorClass, reason, sourcePartition, from, to,
                    time("--since", since), time("--until", until));
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(e.getMessage(), ExitCode.USAGE);
            }
        }

        private static Long time(String option, String value) {
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return Instant.now().minus(new DurationConverter().convert(value)).toEpochMilli();
                } catch (RuntimeException notADuration) {
                    throw new CommandFailedException(option + " must be an ISO-8601 time such as 2026-11-29T16:00:00Z or"
                        + " a duration such as 30m, not '" + value + "'", ExitCode.USAGE);
                }
            }
        }
    }

    /** What both subcommands share: the topic, how to reach Kafka and the registry, how much to log. */
    abstract static class DeadLettersSubcommand implements Callable<Integer> {
        @Option(names = "--topic", paramLabel = "NAME", defaultValue = DEFAULT_TOPIC,
            description = "The dead-letter topic (default: ${DEFAULT-VALUE}, the pipeline's; the sink's is <topic>_dlq).")
        String topic;

        @Mixin
        ConnectionOptions connection;
        @Mixin
        Verbosity verbosity;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            verbosity.configure();
            checkOptions();
            try (ClusterConnection cluster = ClusterConnection.open(connection)) {
                cluster.describeTopics(List.of(topic));
            }
            try {
                return run(spec.commandLine().getOut(), new StatusLine(spec.commandLine().getErr()));
            } catch (DeadLetterException e) {
                throw new CommandFailedException(e.getMessage(), e.kind() == DeadLetterException.Kind.TIMEOUT
                    ? ExitCode.UNREACHABLE : ExitCode.FAILED, e);
            } catch (KafkaException e) {
                throw new CommandFailedException("Kafka at " + connection.bootstrapServer() + ": " + e.getMessage(),
                    ExitCode.FAILED, e);
            }
        }

        /** Refuses a bad command line before Kafka is asked anything. */
        abstract void checkOptions();

        abstract int run(PrintWriter out, StatusLine progress);
    }

    /** Says how far a long scan is on standard error, every few seconds, once it has taken that long. */
    static final class StatusLine implements DeadLetterLog.Progress {
        private static final long EVERY_NANOS = Duration.ofSeconds(2).toNanos();
        private final PrintWriter err;
        private long next = System.nanoTime() + EVERY_NANOS;

        StatusLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void scanned(long scanned, long total) {
            if (System.nanoTime() >= next) {
                // Offsets count transaction markers too: the total is an upper bound.
                err.printf("read %,d dead letters of at most %,d%n", scanned, total);
                err.flush();
                next = System.nanoTime() + EVERY_NANOS;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Group a dead-letter topic's records by error class and reason (partition and offset numbers left"
            + " out), with counts, first and last time, and how many were redriven; with --group, list that group's"
            + " newest records as JSON lines, key and value decoded through the Schema Registry (hex when they do not"
            + " decode)."},
        footer = {"", "Exit codes: 0 listed; 1 no such topic; 2 bad command line; 3 Kafka unreachable."})
    static final class ListDeadLetters extends DeadLettersSubcommand {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        Filters filters;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "With --group: the newest N records (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        RegistryOptions registry;

        private DeadLetterFilter filter;

        @Override
        void checkOptions() {
            if (limit < 1) {
                throw new CommandFailedException("--limit must be at least 1, not " + limit, ExitCode.USAGE);
            }
            filter = filters.filter(null);
        }

        @Override
        int run(PrintWriter out, StatusLine progress) {
            DeadLetterLog log = new DeadLetterLog(connection.clientSettings(), topic, connection.timeout());
            if (filters.group == null) {
                List<DeadLetterGroup> groups = log.groups(filter, progress);
                out.printf("%-8s  %-8s  %8s  %8s  %-24s  %-24s  %s%n", "GROUP", "CLASS", "RECORDS", "REDRIVEN", "FIRST",
                    "LAST", "REASON");
                groups.forEach(g -> out.printf("%-8s  %-8s  %8d  %8d  %-24s  %-24s  %s%n", g.id(), g.errorClass(), g.count(),
                    g.redriven(), Instant.ofEpochMilli(g.firstSeen()), Instant.ofEpochMilli(g.lastSeen()), g.reason()));
                out.flush();
                return ExitCode.OK;
            }
            Map<String, Object> registrySettings = registry.clientSettings(connection);
            try (SchemaRegistryClient client = new CachedSchemaRegistryClient(registrySettings)) {
                RecordJson keys = new RecordJson(client, registrySettings, true);
                RecordJson values = new RecordJson(client, registrySettings, false);
                DeadLetterLog.Listing listing = log.records(filter, limit, progress);
                for (DeadLetterLog.Listed listed : listing.records()) {
                    out.println(line(listed, keys, values));
                }
                out.flush();
                spec.commandLine().getErr().printf("%d of %d matching dead letters shown%n", listing.records().size(),
                    listing.matched());
            }
            return ExitCode.OK;
        }

        private static String line(DeadLetterLog.Listed listed, RecordJson keys, RecordJson values) {
            DeadLetter letter = listed.letter();
            ObjectNode line = JSON.createObjectNode();
            line.put("record", letter.id().toString());
            line.put("timestamp", Instant.ofEpochMilli(letter.timestamp()).toString());
            line.put("errorClass", letter.errorClass());
            line.put("reason", letter.reason());
            line.putPOJO("source", letter.source());
            line.put("redriveCount", letter.redriveCount());
            line.putPOJO("redriven", listed.mark());
            line.set("key", decoded(letter.record().key(), letter, keys));
            line.set("value", decoded(letter.record().value(), letter, values));
            return line.toString();
        }

        /**
         * The bytes as the consumer prints them; text that is no JSON as a string; bytes in the wire format that do not
         * decode, and other binary, as {@code {"hex": ..., "error": ...}}.
         */
        private static JsonNode decoded(byte[] data, DeadLetter letter, RecordJson reader) {
            if (data == null) {
                return JSON.nullNode();
            }
            String error;
            try {
                // The registry's reading of the value, decimals keeping their scale (a price of 1500.40 is not 1500.4).
                return reader.read(letter.record()).tree();
            } catch (SerializationException | UncheckedIOException e) {
                error = e.getMessage();
            }
            try {
                if (!WireFormat.hasHeader(data)) {
                    return JSON.getNodeFactory().textNode(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString());
                }
            } catch (CharacterCodingException binary) {
                error = null;
            }
            ObjectNode raw = JSON.createObjectNode();
            raw.put("hex", HexFormat.of().formatHex(data));
            if (error != null) {
                raw.put("error", error);
            }
            return raw;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Send dead letters back to their source topic and partition: original key, value and headers,"
            + " with tillstream.redrive.count one higher. The records and a mark per dead letter (in <topic>_redrives)"
            + " are written in one Kafka transaction: a failed redrive sends nothing.",
            "Skipped unless --force: dead letters already redriven, and those whose record was redriven --max-redrives"
                + " times already. Redrive is at least once end to end: what a first attempt did before it failed"
                + " happens again."},
        footer = {"", "Exit codes: 0 done (the summary says what was sent and skipped, and why); 1 failed, nothing"
            + " sent; 2 bad command line; 3 Kafka unreachable."})
    static final class RedriveDeadLetters extends DeadLettersSubcommand {
        @Mixin
        Filters filters;

        @Option(names = "--record", paramLabel = "PARTITION:OFFSET",
            description = "A dead letter by its place in the dead-letter topic; repeat for more.")
        List<String> records;

        @Option(names = "--all", description = "Every dead letter of the topic (without --record or a filter, needed).")
        boolean all;

        @Option(names = "--dry-run", description = "Say what would be sent and skipped; send nothing.")
        boolean dryRun;

        @Option(names = "--force", description = "Send also dead letters redriven before or up to --max-redrives.")
        boolean force;

        @Option(names = "--max-redrives", paramLabel = "N", defaultValue = "" + Redrive.DEFAULT_LIMIT,
            description = "How many times a record may have been redriven and be sent without --force (default: ${DEFAULT-VALUE}).")
        int maxRedrives;

        @Option(names = "--request-id", paramLabel = "ID",
            description = "Names this redrive: running it again with the same ID sends nothing twice (default: a new one).")
        String requestId;

        private Redrive.Request request;

        @Override
        void checkOptions() {
            boolean named = records != null && !records.isEmpty();
            if (named && (filters.any() || all)) {
                throw new CommandFailedException("--record names the dead letters itself: no filter or --all with it",
                    ExitCode.USAGE);
            }
            if (!named && !filters.any() && !all) {
                throw new CommandFailedException("say which dead letters: --record P:O, a filter such as --group ID,"
                    + " or --all", ExitCode.USAGE);
            }
            if (maxRedrives < 0) {
                throw new CommandFailedException("--max-redrives must be 0 or more, not " + maxRedrives, ExitCode.USAGE);
            }
            Set<DeadLetter.RecordId> ids;
            try {
                ids = named ? records.stream().map(DeadLetter.RecordId::parse).collect(Collectors.toSet()) : null;
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException("--record: " + e.getMessage(), ExitCode.USAGE);
            }
            request = new Redrive.Request(requestId != null ? requestId : UUID.randomUUID().toString(), filters.filter(ids),
                force, maxRedrives, dryRun);
        }

        @Override
        int run(PrintWriter out, StatusLine progress) {
            Redrive.Result result = new Redrive(connection.clientSettings(), connection.timeout()).run(topic, request, progress);
            for (Redrive.Sent sent : result.records()) {
                out.printf("%s %s -> %s %d:%s (redrive %d)%n", dryRun ? "would send" : "sent", sent.from(), sent.topic(),
                    sent.partition(), sent.offset() < 0 ? "?" : Long.toString(sent.offset()), sent.redriveCount());
            }
            out.println(result.summary() + (dryRun ? "" : " (request " + request.requestId() + ")"));
            result.skipped().forEach((skip, n) -> out.printf("  %d %s: %s%n", n, skip.code(), skip.description()));
            out.flush();
            return ExitCode.OK;
        }
    }
}
