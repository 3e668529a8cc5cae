package io.tillstream.retail.generator;

import io.tillstream.retail.RawData;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.ValidString.in;

/**
 * What {@link SalesGenerator} sends, where, how fast and how much. Kafka connection settings and the
 * registry's are not here: they are plain Kafka client and serde settings, passed alongside.
 */
public final class GeneratorConfig extends AbstractConfig {

    public static final String SOURCE_SYNTHETIC = "synthetic";
    public static final String SOURCE_CSV = "csv";
    public static final String FORMAT_AVRO = "avro";
    public static final String FORMAT_JSON = "json";
    public static final String FORMAT_JSON_SCHEMA = "jsonschema";
    public static final String FORMAT_PROTOBUF = "protobuf";
    public static final String RATE_MAX = "max";

    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "Topic the sales go to.";

    public static final String SOURCE_CONFIG = "source";
    public static final String SOURCE_DOC = "Where sales come from: synthetic (endless, drawn from the dataset's "
        + "distributions) or csv (a file in the dataset's layout, see file).";

    public static final String FILE_CONFIG = "file";
    public static final String FILE_DOC = "The CSV file to replay with source csv: the dataset's header, dates as "
        + "d/m/yyyy, dd-mm-yyyy or yyyy-mm-dd. Read as a stream, so any size works.";

    public static final String REJECTS_CONFIG = "rejects";
    public static final String REJECTS_DOC = "With source csv, a file to write rejected rows to, as CSV with the "
        + "columns line,reason,row (row is the original line).";

    public static final String SEED_CONFIG = "seed";
    public static final String SEED_DOC = "Seed of the synthetic stream; the same seed gives the same sales. "
        + "Random when not set.";

    public static final String CUSTOMERS_CONFIG = "customers";
    public static final String CUSTOMERS_DOC = "Distinct returning customers of the synthetic stream.";

    public static final String RATE_CONFIG = "rate";
    public static final String RATE_DOC = "Records per second, or max (or 0) for as fast as Kafka takes them. "
        + "Paced by schedule: record i is due i/rate seconds after the start.";

    public static final String COUNT_CONFIG = "count";
    public static final String COUNT_DOC = "Stop after sending this many records. No limit when not set.";

    public static final String DURATION_MS_CONFIG = "duration.ms";
    public static final String DURATION_MS_DOC = "Stop sending after this long. No limit when not set.";

    public static final String SPEEDUP_CONFIG = "speedup";
    public static final String SPEEDUP_DOC = "Replay a file by invoice_date with time compressed this many times "
        + "instead of at a fixed rate: a row is due (invoice_date - first row's date) / speedup after the start; "
        + "rows dated before the first row go at once. Needs source csv; replaces rate.";

    public static final String KEY_CONFIG = "key";
    public static final String KEY_DOC = "Field whose value is the record key: invoice_no, customer_id, "
        + "shopping_mall, or none (null keys).";

    public static final String FORMAT_CONFIG = "format";
    public static final String FORMAT_DOC = "avro, jsonschema or protobuf (values in Confluent's wire format, the "
        + "shipped Sale.avsc, Sale.schema.json or sale.proto registered as <topic>-value, keys as UTF-8 strings) or "
        + "json (exactly what the original Python producer wrote, no registry).";

    public static final String COMPRESSION_CONFIG = "compression";
    public static final String COMPRESSION_DOC = "Producer compression: lz4, zstd, snappy, gzip or none.";

    public static final String TIMEOUT_MS_CONFIG = "timeout.ms";
    public static final String TIMEOUT_MS_DOC = "How long to keep trying to reach Kafka and the registry, and to "
        + "wait for a record's acknowledgement, before giving up.";

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(TOPIC_CONFIG, Type.STRING, RawData.TOPIC, new ConfigDef.NonEmptyString(), Importance.HIGH, TOPIC_DOC)
        .define(SOURCE_CONFIG, Type.STRING, SOURCE_SYNTHETIC, in(SOURCE_SYNTHETIC, SOURCE_CSV), Importance.HIGH, SOURCE_DOC)
        .define(FILE_CONFIG, Type.STRING, null, Importance.HIGH, FILE_DOC)
        .define(REJECTS_CONFIG, Type.STRING, null, Importance.LOW, REJECTS_DOC)
        .define(SEED_CONFIG, Type.LONG, null, Importance.LOW, SEED_DOC)
        .define(CUSTOMERS_CONFIG, Type.INT, 10_000, atLeast(1), Importance.LOW, CUSTOMERS_DOC)
        .define(RATE_CONFIG, Type.STRING, "10", new RateValidator(), Importance.HIGH, RATE_DOC)
        .define(COUNT_CONFIG, Type.LONG, null, Validators.optionalAtLeast(1), Importance.MEDIUM, COUNT_DOC)
        .define(DURATION_MS_CONFIG, Type.LONG, null, Validators.optionalAtLeast(1), Importance.MEDIUM, DURATION_MS_DOC)
        .define(SPEEDUP_CONFIG, Type.DOUBLE, null, Validators.optionalPositive(), Importance.MEDIUM, SPEEDUP_DOC)
        .define(KEY_CONFIG, Type.STRING, SaleKey.INVOICE_NO.fieldName(), in(SaleKey.fieldNames()), Importance.MEDIUM, KEY_DOC)
        .define(FORMAT_CONFIG, Type.STRING, FORMAT_AVRO, in(FORMAT_AVRO, FORMAT_JSON_SCHEMA, FORMAT_PROTOBUF, FORMAT_JSON), Importance.HIGH, FORMAT_DOC)
        .define(COMPRESSION_CONFIG, Type.STRING, "lz4", in("lz4", "zstd", "snappy", "gzip", "none"),
            Importance.MEDIUM, COMPRESSION_DOC)
        .define(TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, atLeast(100), Importance.MEDIUM, TIMEOUT_MS_DOC);

    public GeneratorConfig(Map<?, ?> originals) {
        super(CONFIG, originals);
        if (isCsv() && getString(FILE_CONFIG) == null) {
            throw new ConfigException(FILE_CONFIG + " is required with " + SOURCE_CONFIG + " " + SOURCE_CSV);
        }
        if (get(SPEEDUP_CONFIG) != null && !isCsv()) {
            throw new ConfigException(SPEEDUP_CONFIG + " replays a file by invoice_date; it needs "
                + SOURCE_CONFIG + " " + SOURCE_CSV);
        }
    }

    /** A copy of the definition, for generating docs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public boolean isCsv() {
        return getString(SOURCE_CONFIG).equals(SOURCE_CSV);
    }

    public Path file() {
        return Path.of(getString(FILE_CONFIG));
    }

    public Optional<Path> rejectsFile() {
        return Optional.ofNullable(getString(REJECTS_CONFIG)).map(Path::of);
    }

    public OptionalLong seed() {
        Long seed = getLong(SEED_CONFIG);
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    public int customers() {
        return getInt(CUSTOMERS_CONFIG);
    }

    /** Records per second; 0 means unthrottled. */
    public double rate() {
        String rate = getString(RATE_CONFIG).trim();
        return rate.equalsIgnoreCase(RATE_MAX) ? 0 : Double.parseDouble(rate);
    }

    public OptionalLong count() {
        Long count = getLong(COUNT_CONFIG);
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    public Optional<Duration> duration() {
        return Optional.ofNullable(getLong(DURATION_MS_CONFIG)).map(Duration::ofMillis);
    }

    public OptionalDouble speedup() {
        Double speedup = getDouble(SPEEDUP_CONFIG);
        return speedup == null ? OptionalDouble.empty() : OptionalDouble.of(speedup);
    }

    public SaleKey key() {
        return SaleKey.forName(getString(KEY_CONFIG));
    }

    /** One of the FORMAT_ values. */
    public String format() {
        return getString(FORMAT_CONFIG);
    }

    public String compression() {
        return getString(COMPRESSION_CONFIG);
    }

    public Duration timeout() {
        return Duration.ofMillis(getLong(TIMEOUT_MS_CONFIG));
    }

    /** A non-negative number of records per second, or "max". */
    private static final class RateValidator implements ConfigDef.Validator {

        @Override
        public void ensureValid(String name, Object value) {
            String rate = ((String) value).trim();
            if (rate.equalsIgnoreCase(RATE_MAX)) {
                return;
            }
            try {
                double perSecond = Double.parseDouble(rate);
                if (perSecond >= 0 && Double.isFinite(perSecond)) {
                    return;
                }
            } catch (NumberFormatException notANumber) {
                // Reported below, like a negative rate.
            }
            throw new ConfigException(name, value, "must be records per second (0 or more) or " + RATE_MAX);
        }

        @Override
        public String toString() {
            return "a number of records per second, 0 or more, or " + RATE_MAX;
        }
    }
}
