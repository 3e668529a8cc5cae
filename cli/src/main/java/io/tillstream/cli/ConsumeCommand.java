package io.tillstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.retail.RawData;
import io.tillstream.serde.CsvRows;
import io.tillstream.serde.RecordJson;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code tillstream consume}: prints a topic's records decoded, one JSON line each, as Confluent's
 * console consumers do, whatever the format ({@link RecordJson}), or as CSV rows ({@link CsvRows}). Values are polled as bytes and decoded here, so that a record that
 * cannot be decoded costs one line on standard error, not the rest of the topic.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = {"Print a topic's records as JSON lines (or CSV with --output csv): Avro, JSON Schema and Protobuf values decoded through the"
            + " Schema Registry by the type of their schema ID (Protobuf in its JSON mapping), and plain JSON as it is.",
        "Prices and other decimals print as JSON numbers with their exact decimals (1500.40); dates and timestamps as"
            + " ISO-8601 strings. A record that cannot be decoded prints one line on standard error (its partition,"
            + " offset and why) and the rest go on."},
    footer = {"", "Without --group, nothing is committed and no consumer group is left behind.",
        "Exit codes: 0 done (--max reached, or Ctrl-C); 2 bad command line; 3 Kafka or the Schema Registry unreachable."})
final class ConsumeCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = RawData.TOPIC,
        description = "Topic to read (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of new ones only"
        + " (with --group: when the group has no committed offset).")
    boolean fromBeginning;

    @Option(names = "--partition", paramLabel = "N", description = "Read this partition only.")
    Integer partition;

    @Option(names = "--offset", paramLabel = "N|earliest|latest",
        description = "With --partition: where to start (default: latest, or earliest with --from-beginning).")
    String offset;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (bad ones count too).")
    Long max;

    @Option(names = "--group", paramLabel = "ID", description = "Consume as this consumer group, committing offsets.")
    String group;

    @Option(names = "--print-key", description = "Print each record's key before its value, separated by a tab.")
    boolean printKey;

    @Option(names = "--output", paramLabel = "json|csv", defaultValue = "json",
        description = "json (default): one JSON line per record, as above. csv: RFC 4180 with a header row; the columns"
            + " partition, offset, timestamp (epoch ms), key, headers (a JSON object), then the value's fields, chosen from"
            + " the first record (nested ones with dotted names), and value_other for whatever a later record has beyond"
            + " them.")
    String output;

    @Option(names = "--print-metadata",
        description = "Print Partition:, Offset:, CreateTime: (or LogAppendTime:) and SchemaId: before each record, tab-separated.")
    boolean printMetadata;

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
        checkOptions();
        List<TopicPartition> partitions = partitions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long consumed = 0;
        long undecodable = 0;
        CsvRows csv = output.equals("csv") ? new CsvRows(out) : null;
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // Ctrl-C wakes the poll up; the hook then waits until the consumer is closed and the summary printed.
        try (StopOnSignal signal = StopOnSignal.install(consumer::wakeup, STOP_GRACE)) {
            Map<String, Object> registrySettings = registry.clientSettings(connection);
            try (consumer; SchemaRegistryClient client = new CachedSchemaRegistryClient(registrySettings)) {
                RecordJson keys = new RecordJson(client, registrySettings, true);
                RecordJson values = new RecordJson(client, registrySettings, false);
                start(consumer, partitions);
                while (max == null || consumed < max) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        if (!print(record, keys, values, out, csv)) {
                            undecodable++;
                        }
                        consumed++;
                        if (max != null && consumed >= max) {
                            break;
                        }
                    }
                    out.flush();
                    err.flush();
                }
            } catch (WakeupException stopped) {
                // Ctrl-C: only the summary is left to do.
            }
            if (csv != null) {
                finish(csv);
            }
            out.flush();
            err.println("Processed a total of " + consumed + " messages" + (undecodable == 0 ? "" : ", " + undecodable
                + " of them could not be decoded"));
            err.flush();
        }
        return ExitCode.OK;
    }

    private void checkOptions() {
        if (offset != null && partition == null) {
            throw new CommandFailedException("--offset needs --partition", ExitCode.USAGE);
        }
        if (partition != null && group != null) {
            throw new CommandFailedException("--partition and --group do not go together: a group's partitions are"
                + " assigned by Kafka", ExitCode.USAGE);
        }
        if (!output.equals("json") && !output.equals("csv")) {
            throw new CommandFailedException("--output must be json or csv, not '" + output + "'", ExitCode.USAGE);
        }
        if (output.equals("csv") && (printKey || printMetadata)) {
            throw new CommandFailedException("--print-key and --print-metadata are for --output json: every CSV row has the"
                + " key and the record's partition, offset and timestamp", ExitCode.USAGE);
        }
        if (max != null && max < 1) {
            throw new CommandFailedException("--max must be at least 1, not " + max, ExitCode.USAGE);
        }
        if (offset != null && !offset.equals("earliest") && !offset.equals("latest") && !offset.matches("\\d+")) {
            throw new CommandFailedException("--offset must be a number, earliest or latest, not '" + offset + "'", ExitCode.USAGE);
        }
    }

    /** The partitions to read, proving on the way that Kafka answers and the topic exists. */
    private List<TopicPartition> partitions() {
        try (ClusterConnection cluster = ClusterConnection.open(connection)) {
            List<TopicPartitionInfo> all = cluster.describeTopics(List.of(topic)).get(topic).partitions();
            if (partition != null && (partition < 0 || partition >= all.size())) {
                throw new CommandFailedException("topic " + topic + " has partitions 0 to " + (all.size() - 1)
                    + ", not " + partition, ExitCode.USAGE);
            }
            return all.stream().map(info -> new TopicPartition(topic, info.partition()))
                .filter(tp -> partition == null || tp.partition() == partition).toList();
        }
    }

    private Properties consumerProperties() {
        Properties properties = connection.clientProperties();
        // The pipeline writes in transactions: show only what it committed, as its readers see it.
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        if (group != null) {
            properties.setProperty(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return properties;
    }

    private void start(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        if (group != null) {
            consumer.subscribe(List.of(topic));
            return;
        }
        consumer.assign(partitions);
        String from = offset != null ? offset : fromBeginning ? "earliest" : "latest";
        switch (from) {
            case "earliest" -> consumer.seekToBeginning(partitions);
            case "latest" -> consumer.seekToEnd(partitions);
            default -> consumer.seek(partitions.get(0), Long.parseLong(from));
        }
    }

    /** Prints the record as a JSON line or a CSV row; false after reporting on standard error why it cannot be decoded. */
    private boolean print(ConsumerRecord<byte[], byte[]> record, RecordJson keys, RecordJson values, PrintWriter out,
                          CsvRows csv) {
        try {
            if (csv != null) {
                RecordJson.Json value = values.read(record);
                csv.write(new CsvRows.Row(record.partition(), record.offset(), record.timestamp(),
                    record.key() == null ? null : csvKey(record, keys), record.headers(), value == null ? null : value.tree()));
            } else {
                out.println(line(record, keys, values));
            }
            return true;
        } catch (SerializationException e) {
            if (e.getCause() instanceof RegistryConnectionException
                || e.getCause() instanceof RegistryClientException client && client.status() >= 500) {
                throw new CommandFailedException("the Schema Registry at " + registry.url() + " cannot be used: "
                    + e.getCause().getMessage(), ExitCode.UNREACHABLE, e);
            }
            // The message names the topic, partition and offset.
            spec.commandLine().getErr().println("skipped: " + e.getMessage());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty selection still prints the CSV header, so the output is always a valid file. */
    private static void finish(CsvRows csv) {
        try {
            csv.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line(ConsumerRecord<byte[], byte[]> record, RecordJson keys, RecordJson values) {
        StringBuilder line = new StringBuilder();
        if (printMetadata) {
            line.append("Partition:").append(record.partition())
                .append("\tOffset:").append(record.offset())
                .append('\t').append(record.timestampType().name).append(':').append(record.timestamp())
                .append("\tSchemaId:").append(WireFormat.hasHeader(record.value()) ? WireFormat.schemaId(record.value()) : "none")
                .append('\t');
        }
        if (printKey) {
            line.append(key(record, keys)).append('\t');
        }
        line.append(text(values.read(record)));
        return line.toString();
    }

    /** A key as a CSV cell: a string as its text, whatever else as its JSON. */
    private static String csvKey(ConsumerRecord<byte[], byte[]> record, RecordJson keys) {
        if (!WireFormat.hasHeader(record.key())) {
            return new String(record.key(), StandardCharsets.UTF_8);
        }
        JsonNode key = keys.read(record).tree();
        return key.isTextual() ? key.textValue() : key.toString();
    }

    /** Keys in Confluent's wire format are decoded; others (Tillstream's invoice numbers) print as UTF-8 text. */
    private static String key(ConsumerRecord<byte[], byte[]> record, RecordJson keys) {
        if (record.key() == null) {
            return "null";
        }
        return WireFormat.hasHeader(record.key()) ? text(keys.read(record)) : new String(record.key(), StandardCharsets.UTF_8);
    }

    /** A tombstone's value prints as JSON's null, as Confluent's console consumer prints it. */
    private static String text(RecordJson.Json json) {
        return json == null ? "null" : json.text();
    }
}
