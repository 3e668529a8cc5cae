package io.tillstream.sink;

import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.lake.LakeFileName;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sink's settings, Kafka's names where Kafka has the setting ({@code bootstrap.servers},
 * {@code group.id}); every setting not defined here (security.protocol, sasl.*, basic.auth.*, ...)
 * goes on to the consumer, the dead-letter producer and the Avro deserializer unchanged.
 */
public final class SinkConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, as host:port pairs separated by commas.";

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_URL_DOC = "The Schema Registry the records' schemas are read from.";

    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "The topic to land; it must exist. Its records (Avro, JSON Schema or Protobuf, "
        + "with their schema in the registry) need an invoice date: "
        + "invoice_year, invoice_month and invoice_day fields (as sales_enriched has) or an invoice_date.";
    public static final String DEFAULT_TOPIC = "sales_enriched";

    public static final String PATH_CONFIG = "path";
    public static final String PATH_DOC = "The lake's root directory; created if missing. Files go under "
        + "invoice_year=Y/invoice_month=M/invoice_day=D/.";

    public static final String GROUP_ID_CONFIG = ConsumerConfig.GROUP_ID_CONFIG;
    public static final String GROUP_ID_DOC = "The consumer group: sinks with one group share the partitions, and its "
        + "committed offsets are where a restarted sink resumes. A group without offsets starts at the oldest record.";
    public static final String DEFAULT_GROUP_ID = LakeFileName.DEFAULT_SINK_GROUP;

    public static final String ROLL_RECORDS_CONFIG = "roll.records";
    public static final String ROLL_RECORDS_DOC = "A partition's open files are completed once they hold this many records.";
    public static final long DEFAULT_ROLL_RECORDS = 1_000_000L;

    public static final String ROLL_BYTES_CONFIG = "roll.bytes";
    public static final String ROLL_BYTES_DOC = "A partition's open files are completed once the records held for them "
        + "take this many bytes (as Avro, which the sink holds in memory until it writes the files: at most this much "
        + "per assigned partition, and held.max.bytes for all of them together); also each file's row group size.";
    public static final long DEFAULT_ROLL_BYTES = 128L * 1024 * 1024;
    /** The least {@code roll.bytes} and {@code held.max.bytes} may be: less would roll files of a few records. */
    public static final long MIN_BYTES = 64 * 1024;

    public static final String HELD_MAX_BYTES_CONFIG = "held.max.bytes";
    public static final String HELD_MAX_BYTES_DOC = "The memory holding the records of every partition's open files "
        + "together, in bytes, at most: past it, the partitions complete their open files whatever the roll settings "
        + "say, so that a backlog or a fast topic does not fill the heap within one roll interval. -1 (the default): a "
        + "quarter of the JVM's maximum heap.";
    /** {@code held.max.bytes}' default: a quarter of the JVM's maximum heap, worked out when the sink starts. */
    public static final long DEFAULT_HELD_MAX_BYTES = -1;

    public static final String ROLL_INTERVAL_MS_CONFIG = "roll.interval.ms";
    public static final String ROLL_INTERVAL_MS_DOC = "A partition's open files are completed this long after the first "
        + "was opened: how stale the lake may be behind the topic.";
    public static final long DEFAULT_ROLL_INTERVAL_MS = 60_000L;

    public static final String COMPRESSION_CONFIG = "compression";
    public static final String COMPRESSION_DOC = "How Parquet pages are compressed: " + Compression.labels() + ".";
    public static final String DEFAULT_COMPRESSION = "zstd";

    public static final String DEAD_LETTER_TOPIC_CONFIG = "dead.letter.topic";
    public static final String DEAD_LETTER_TOPIC_DOC = "Where records that cannot be landed go (no registered schema, "
        + "no invoice date, ...), with their original key and value bytes and tillstream.error.* headers. Created if "
        + "missing. Default: <topic>_dlq.";

    public static final String PLAIN_COLUMNS_CONFIG = "dictionary.excluded.columns";
    public static final String PLAIN_COLUMNS_DOC = "Columns written without Parquet's dictionary encoding: those whose "
        + "values are nearly all distinct, where a dictionary costs time and memory for every value and saves nothing "
        + "(in the sales dataset every invoice number and nearly every customer id occurs once, and event_time, the "
        + "millisecond a sale was made, nearly never repeats within a file: parquet-java hashed each such value into "
        + "a dictionary, found it no smaller than the values at the page's end, and wrote them again plain).";

    public static final String WRITER_THREADS_CONFIG = "writer.threads";
    public static final String WRITER_THREADS_DOC = "Threads that decode records and write Parquet, beside the consumer's "
        + "own thread, which only fetches and commits; each partition is written by one at a time, in offset order. "
        + "Default: one per processor.";
    public static final int DEFAULT_WRITER_THREADS = Runtime.getRuntime().availableProcessors();

    public static final String EXIT_AT_END_CONFIG = "exit.at.end";
    public static final String EXIT_AT_END_DOC = "Land what the topic holds when the sink starts, then return: each "
        + "partition up to its end offset at the start (its last stable offset, as the sink lands committed records only), "
        + "its files completed as soon as it is there, and the sink returns once all its partitions are landed and "
        + "committed; what arrives meanwhile is left for the next run, as kcat's -e or Spark's Trigger.AvailableNow. "
        + "Off (the default): land until stopped.";

    public static final String STARTUP_TIMEOUT_MS_CONFIG = "startup.timeout.ms";
    public static final String STARTUP_TIMEOUT_MS_DOC = "How long start-up may wait for Kafka to answer.";

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
        .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
        .define(TOPIC_CONFIG, Type.STRING, DEFAULT_TOPIC, new ConfigDef.NonEmptyString(), Importance.HIGH, TOPIC_DOC)
        .define(PATH_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, PATH_DOC)
        .define(GROUP_ID_CONFIG, Type.STRING, DEFAULT_GROUP_ID, new ConfigDef.NonEmptyString(), Importance.HIGH, GROUP_ID_DOC)
        .define(ROLL_RECORDS_CONFIG, Type.LONG, DEFAULT_ROLL_RECORDS, Range.atLeast(1), Importance.MEDIUM, ROLL_RECORDS_DOC)
        .define(ROLL_BYTES_CONFIG, Type.LONG, DEFAULT_ROLL_BYTES, Range.atLeast(MIN_BYTES), Importance.MEDIUM, ROLL_BYTES_DOC)
        .define(ROLL_INTERVAL_MS_CONFIG, Type.LONG, DEFAULT_ROLL_INTERVAL_MS, Range.atLeast(100), Importance.MEDIUM,
            ROLL_INTERVAL_MS_DOC)
        .define(HELD_MAX_BYTES_CONFIG, Type.LONG, DEFAULT_HELD_MAX_BYTES, (name, value) -> {
            long bytes = (Long) value;
            if (bytes != DEFAULT_HELD_MAX_BYTES && bytes < MIN_BYTES) {
                throw new ConfigException(name, value,
                    "must be -1 (a quarter of the heap) or at least " + MIN_BYTES);
            }
        }, Importance.LOW, HELD_MAX_BYTES_DOC)
        .define(COMPRESSION_CONFIG, Type.STRING, DEFAULT_COMPRESSION, (name, value) -> {
            try {
                Compression.of((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }, Importance.MEDIUM, COMPRESSION_DOC)
        .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, DEAD_LETTER_TOPIC_DOC)
        .define(PLAIN_COLUMNS_CONFIG, Type.LIST, "invoice_no,customer_id,event_time", Importance.LOW, PLAIN_COLUMNS_DOC)
        .define(WRITER_THREADS_CONFIG, Type.INT, DEFAULT_WRITER_THREADS, Range.atLeast(1), Importance.LOW, WRITER_THREADS_DOC)
        .define(EXIT_AT_END_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, EXIT_AT_END_DOC)
        .define(STARTUP_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW, STARTUP_TIMEOUT_MS_DOC);

    /** The settings only the sink reads: every one defined here but those the clients and the deserializer take too. */
    private static final Set<String> OWN = CONFIG.names().stream()
        .filter(name -> !Set.of(BOOTSTRAP_SERVERS_CONFIG, SCHEMA_REGISTRY_URL_CONFIG, GROUP_ID_CONFIG).contains(name))
        .collect(Collectors.toUnmodifiableSet());

    public SinkConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** A copy of the definition, for generating docs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public Path path() {
        return Path.of(getString(PATH_CONFIG));
    }

    public String groupId() {
        return getString(GROUP_ID_CONFIG);
    }

    public String deadLetterTopic() {
        String topic = getString(DEAD_LETTER_TOPIC_CONFIG);
        return topic.isEmpty() ? DeadLetters.topicFor(topic()) : topic;
    }

    public Compression compression() {
        return Compression.of(getString(COMPRESSION_CONFIG));
    }

    List<String> plainColumns() {
        return getList(PLAIN_COLUMNS_CONFIG);
    }

    int writerThreads() {
        return getInt(WRITER_THREADS_CONFIG);
    }

    RollPolicy rollPolicy() {
        long heldMaxBytes = getLong(HELD_MAX_BYTES_CONFIG);
        return new RollPolicy(getLong(ROLL_RECORDS_CONFIG), getLong(ROLL_BYTES_CONFIG),
            Duration.ofMillis(getLong(ROLL_INTERVAL_MS_CONFIG)),
            heldMaxBytes == DEFAULT_HELD_MAX_BYTES ? Runtime.getRuntime().maxMemory() / 4 : heldMaxBytes);
    }

    boolean exitAtEnd() {
        return getBoolean(EXIT_AT_END_CONFIG);
    }

    public Duration startupTimeout() {
        return Duration.ofMillis(getLong(STARTUP_TIMEOUT_MS_CONFIG));
    }

    /** Every setting given that is not the sink's own, for the clients and the deserializer. */
    Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>(originals());
        settings.keySet().removeAll(OWN);
        // Kafka's own setting, but with the sink's default when not given.
        settings.put(GROUP_ID_CONFIG, groupId());
        return settings;
    }
}
