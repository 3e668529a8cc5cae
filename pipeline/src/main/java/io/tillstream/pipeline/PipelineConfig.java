package io.tillstream.pipeline;

import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.RawData;
import io.tillstream.security.Https;
import io.tillstream.security.UsersFile;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's settings. Kafka Streams' own names are used where Streams has the setting
 * ({@code application.id}, {@code bootstrap.servers}, {@code state.dir}); every setting not defined
 * here (security.protocol, sasl.*, commit.interval.ms, num.stream.threads, schema.registry.url,
 * basic.auth.*, ...) is passed on to Kafka Streams, its clients and the Avro serdes unchanged.
 */
public final class PipelineConfig extends AbstractConfig {

    public static final String APPLICATION_ID_CONFIG = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String APPLICATION_ID_DOC = "The Kafka Streams application id: instances with the same id "
        + "share the partitions and the state; it also names the consumer group and the internal topics.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, as host:port pairs separated by commas.";

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_URL_DOC = "The Schema Registry the sales' schemas are read from and "
        + "the enriched and aggregate schemas registered in.";

    public static final String STATE_DIR_CONFIG = StreamsConfig.STATE_DIR_CONFIG;
    public static final String STATE_DIR_DOC = "Where the local state stores live. They are a cache of their changelog "
        + "topics: deleting the directory costs a restore, not data. Instances on one machine need their own.";

    public static final String HTTP_HOST_CONFIG = "http.host";
    public static final String HTTP_HOST_DOC = "Where the HTTP query API listens; other instances reach this one "
        + "there (it becomes Kafka Streams' application.server), so it must be an address they can reach.";

    public static final String HTTP_PORT_CONFIG = "http.port";
    public static final String HTTP_PORT_DOC = "Port of the HTTP query API; 0 picks a free one.";

    public static final String USERS_FILE_CONFIG = "users.file";
    public static final String USERS_FILE_DOC = UsersFile.DOC + " Other instances are asked with the caller's credentials; "
        + "DELETE needs the admin role.";

    public static final String HTTP_TLS_KEYSTORE_LOCATION_CONFIG = "http.tls.keystore.location";
    public static final String HTTP_TLS_KEYSTORE_LOCATION_DOC = "A PKCS12 keystore (key and certificate chain): the HTTP "
        + "API then serves https only. Instances ask each other over https then, trusting "
        + "schema.registry.ssl.truststore.*.";
    public static final String HTTP_TLS_KEYSTORE_PASSWORD_CONFIG = "http.tls.keystore.password";
    public static final String HTTP_TLS_KEYSTORE_PASSWORD_DOC = "The keystore's password (and its key's).";

    public static final String SOURCE_TOPIC_CONFIG = "source.topic";
    public static final String SOURCE_TOPIC_DOC = "The topic of Avro sales to process; it must exist.";
    public static final String DEFAULT_SOURCE_TOPIC = RawData.TOPIC;

    public static final String DEAD_LETTER_TOPIC_CONFIG = "dead.letter.topic";
    public static final String DEAD_LETTER_TOPIC_DOC = "Where records that cannot be decoded or break a sale's rules "
        + "go, with their original key and value bytes and tillstream.error.* headers. Created if missing.";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = DEFAULT_SOURCE_TOPIC + DeadLetters.TOPIC_SUFFIX;

    public static final String ENRICHED_TOPIC_CONFIG = "enriched.topic";
    public static final String ENRICHED_TOPIC_DOC = "Where valid sales go with their derived fields (Avro). "
        + "Created if missing.";

    public static final String AGGREGATE_TOPIC_PREFIX_CONFIG = "aggregate.topic.prefix";
    public static final String AGGREGATE_TOPIC_PREFIX_DOC = "Prefix of the compacted aggregate topics: <prefix>by_mall, "
        + "<prefix>by_category, <prefix>by_payment_method, <prefix>by_day and <prefix>per_minute "
        + "(customer totals are queryable over HTTP only). Created if missing.";

    public static final String WINDOW_GRACE_MS_CONFIG = "window.grace.ms";
    public static final String WINDOW_GRACE_MS_DOC = "How late (in event time) a sale may arrive and still count in its "
        + "1-minute window. Later ones still count in every other aggregate; Kafka Streams' dropped-records metric "
        + "counts them (/health shows it).";

    public static final String WINDOW_RETENTION_MS_CONFIG = "window.retention.ms";
    public static final String WINDOW_RETENTION_MS_DOC = "How long 1-minute windows stay queryable, and stay in the "
        + "per-minute topic.";

    public static final String STARTUP_TIMEOUT_MS_CONFIG = "startup.timeout.ms";
    public static final String STARTUP_TIMEOUT_MS_DOC = "How long start-up may wait for Kafka to answer.";

    /** Kafka Streams' default, under the system's temporary directory like Streams' own /tmp/kafka-streams. */
    public static final String DEFAULT_STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "tillstream-streams").toString();

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(APPLICATION_ID_CONFIG, Type.STRING, "tillstream-pipeline", new ConfigDef.NonEmptyString(),
            Importance.HIGH, APPLICATION_ID_DOC)
        .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
        .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
        .define(STATE_DIR_CONFIG, Type.STRING, DEFAULT_STATE_DIR, Importance.MEDIUM, STATE_DIR_DOC)
        .define(HTTP_HOST_CONFIG, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM, HTTP_HOST_DOC)
        .define(HTTP_PORT_CONFIG, Type.INT, 7070, Range.between(0, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
        .define(USERS_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM, USERS_FILE_DOC)
        .define(HTTP_TLS_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, HTTP_TLS_KEYSTORE_LOCATION_DOC)
        .define(HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, HTTP_TLS_KEYSTORE_PASSWORD_DOC)
        .define(SOURCE_TOPIC_CONFIG, Type.STRING, DEFAULT_SOURCE_TOPIC, new ConfigDef.NonEmptyString(), Importance.HIGH, SOURCE_TOPIC_DOC)
        .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, DEFAULT_DEAD_LETTER_TOPIC, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            DEAD_LETTER_TOPIC_DOC)
        .define(ENRICHED_TOPIC_CONFIG, Type.STRING, "sales_enriched", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            ENRICHED_TOPIC_DOC)
        .define(AGGREGATE_TOPIC_PREFIX_CONFIG, Type.STRING, "sales_", Importance.MEDIUM, AGGREGATE_TOPIC_PREFIX_DOC)
        .define(WINDOW_GRACE_MS_CONFIG, Type.LONG, Duration.ofMinutes(10).toMillis(), Range.atLeast(0), Importance.LOW,
            WINDOW_GRACE_MS_DOC)
        .define(WINDOW_RETENTION_MS_CONFIG, Type.LONG, Duration.ofDays(1).toMillis(), Range.atLeast(Duration.ofMinutes(1).toMillis()),
            Importance.LOW, WINDOW_RETENTION_MS_DOC)
        .define(STARTUP_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW, STARTUP_TIMEOUT_MS_DOC);

    /** TLS for the HTTP API; empty for plain HTTP. */
    public Optional<Https> https() {
        String keystore = getString(HTTP_TLS_KEYSTORE_LOCATION_CONFIG);
        return keystore == null ? Optional.empty()
            : Optional.of(new Https(Path.of(keystore), getPassword(HTTP_TLS_KEYSTORE_PASSWORD_CONFIG).value(), Https.DEFAULT_STORE_TYPE));
    }

    /** The users file of the HTTP API; null for an API open to anyone who reaches it. */
    public String usersFile() {
        return getString(USERS_FILE_CONFIG);
    }

    public PipelineConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** A copy of the definition, for generating docs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    public String bootstrapServers() {
        return String.join(",", getList(BOOTSTRAP_SERVERS_CONFIG));
    }

    public String httpHost() {
        return getString(HTTP_HOST_CONFIG);
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public Path stateDir() {
        return Path.of(getString(STATE_DIR_CONFIG));
    }

    public Topics topics() {
        return new Topics(getString(SOURCE_TOPIC_CONFIG), getString(DEAD_LETTER_TOPIC_CONFIG),
            getString(ENRICHED_TOPIC_CONFIG), getString(AGGREGATE_TOPIC_PREFIX_CONFIG));
    }

    public Duration windowGrace() {
        return Duration.ofMillis(getLong(WINDOW_GRACE_MS_CONFIG));
    }

    public Duration windowRetention() {
        return Duration.ofMillis(getLong(WINDOW_RETENTION_MS_CONFIG));
    }

    public Duration startupTimeout() {
        return Duration.ofMillis(getLong(STARTUP_TIMEOUT_MS_CONFIG));
    }

    /** Every setting given, for the clients and serdes: those not defined here are theirs. */
    public Map<String, Object> clientSettings() {
        return new HashMap<>(originals());
    }
}
