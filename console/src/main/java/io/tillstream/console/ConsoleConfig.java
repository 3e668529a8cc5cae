package io.tillstream.console;

import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.RawData;
import io.tillstream.retail.deadletters.Redrive;
import io.tillstream.retail.lake.LakeFileName;
import io.tillstream.security.Https;
import io.tillstream.security.Truststore;
import io.tillstream.security.UsersFile;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Control Center's settings. Every other Kafka client setting among the originals
 * (security.protocol, sasl.*, ssl.*, ... as in a {@code --command-config} file) goes to its Kafka
 * clients unchanged, so the console reaches any cluster the other commands reach.
 */
public final class ConsoleConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String BOOTSTRAP_SERVERS_DOC = "The Kafka brokers to monitor and administer, as host:port pairs "
        + "separated by commas.";

    public static final String REGISTRY_URL_CONFIG = "registry.url";
    public static final String REGISTRY_URL_DOC = "The Schema Registry that decodes Avro records.";

    public static final String REGISTRY_USER_INFO_CONFIG = "registry.user.info";
    public static final String REGISTRY_USER_INFO_DOC = "USER:PASSWORD for a registry that needs HTTP basic auth.";

    public static final String CLUSTER_NAME_CONFIG = "cluster.name";
    public static final String CLUSTER_NAME_DOC = "The cluster's name in the console's sidebar and in its API paths "
        + "(/api/v1/clusters/NAME/...): letters, digits, '_' and '-'.";
    public static final String DEFAULT_CLUSTER_NAME = "main";

    public static final String CLUSTERS_FILE_CONFIG = "clusters.file";
    public static final String CLUSTERS_FILE_DOC = "A properties file naming several clusters for one console (clusters=a,b "
        + "and cluster.NAME.SETTING lines; see ClustersFile); without it the console shows the one cluster of "
        + "bootstrap.servers.";

    public static final String LISTEN_HOST_CONFIG = "listen.host";
    public static final String LISTEN_HOST_DOC = "The interface the web UI listens on; loopback unless chosen otherwise.";

    public static final String LISTEN_PORT_CONFIG = "listen.port";
    public static final String LISTEN_PORT_DOC = "The web UI's port; 0 picks a free one.";

    public static final String READ_ONLY_CONFIG = "read.only";
    public static final String READ_ONLY_DOC = "Hide and refuse every action that changes the cluster.";

    public static final String USERS_FILE_CONFIG = "users.file";
    public static final String USERS_FILE_DOC = UsersFile.DOC;

    public static final String TLS_KEYSTORE_LOCATION_CONFIG = "tls.keystore.location";
    public static final String TLS_KEYSTORE_LOCATION_DOC = "A keystore (key and certificate chain): the console then "
        + "serves https only.";
    public static final String TLS_KEYSTORE_PASSWORD_CONFIG = "tls.keystore.password";
    public static final String TLS_KEYSTORE_PASSWORD_DOC = "The keystore's password (and its key's).";
    public static final String TLS_TRUSTSTORE_LOCATION_CONFIG = "tls.truststore.location";
    public static final String TLS_TRUSTSTORE_LOCATION_DOC = "The certificate authorities trusted when the console calls "
        + "an https Schema Registry or sales pipeline; the JVM's own when not set.";
    public static final String TLS_TRUSTSTORE_PASSWORD_CONFIG = "tls.truststore.password";
    public static final String TLS_TRUSTSTORE_PASSWORD_DOC = "The truststore's password.";
    public static final String TLS_STORE_TYPE_CONFIG = "tls.store.type";
    public static final String TLS_STORE_TYPE_DOC = "The format of both stores: PKCS12 or JKS.";

    public static final String SALES_API_URL_CONFIG = "sales.api.url";
    public static final String SALES_API_URL_DOC = "The sales pipeline's HTTP API (tillstream process serves it on port "
        + "7070), for the Sales page; none hides the page.";

    public static final String LAKE_PATH_CONFIG = "lake.path";
    public static final String LAKE_PATH_DOC = "The Parquet sink's lake directory (tillstream sink --path), for the files "
        + "and rows per day on the Lake page; none shows the sink's lag only.";

    public static final String LAKE_GROUP_ID_CONFIG = "lake.group.id";
    public static final String LAKE_GROUP_ID_DOC = "The Parquet sink's consumer group (tillstream sink --group), whose lag "
        + "the Lake page shows.";

    public static final String SAMPLE_INTERVAL_MS_CONFIG = "metrics.sample.interval.ms";
    public static final String SAMPLE_INTERVAL_MS_DOC = "How often the throughput charts take a sample of the cluster.";

    public static final String METRICS_WINDOW_MS_CONFIG = "metrics.window.ms";
    public static final String METRICS_WINDOW_MS_DOC = "How far back the throughput charts reach.";

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "console.request.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_DOC = "How long one page's request may wait for Kafka before it fails.";

    public static final String MESSAGES_MAX_RECORDS_CONFIG = "messages.max.records";
    public static final String MESSAGES_MAX_RECORDS_DOC = "The most records one message-browser request may ask for and "
        + "holds, in total across all the partitions it reads (as Redpanda Console's maxResults); a larger limit is "
        + "refused.";

    public static final String MESSAGES_MAX_BYTES_CONFIG = "messages.max.bytes";
    public static final String MESSAGES_MAX_BYTES_DOC = "The most bytes of keys, values and headers (as stored in Kafka) "
        + "one message-browser request holds, in total across all its partitions; the oldest records beyond it are "
        + "left out and the answer says it was truncated.";

    public static final String MESSAGES_MAX_CONCURRENT_CONFIG = "messages.max.concurrent.browses";
    public static final String MESSAGES_MAX_CONCURRENT_DOC = "How many message-browser requests may read at once; one "
        + "more is answered 429, so browsing cannot exhaust the memory of the JVM the console shares with the broker.";

    public static final String MESSAGES_MAX_CONCURRENT_SCANS_CONFIG = "messages.max.concurrent.scans";
    public static final String MESSAGES_MAX_CONCURRENT_SCANS_DOC = "How many searches and exports may read at once; each "
        + "holds a server thread and a consumer while it streams its answer, so one more is answered 429.";

    public static final String MESSAGES_SEARCH_BUDGET_CONFIG = "messages.search.budget";
    public static final String MESSAGES_SEARCH_BUDGET_DOC = "How many records a search scans when it does not ask for "
        + "another budget; past it the search says it found nothing (or what it found) within that many.";

    public static final String MESSAGES_SEARCH_MAX_BUDGET_CONFIG = "messages.search.max.budget";
    public static final String MESSAGES_SEARCH_MAX_BUDGET_DOC = "The largest budget a search may ask for; a larger one is "
        + "refused.";

    public static final String MESSAGES_FILTER_MAX_LENGTH_CONFIG = "messages.filter.max.length";
    public static final String MESSAGES_FILTER_MAX_LENGTH_DOC = "The longest filter expression (in characters) a search "
        + "or export accepts; a longer one is refused before it is parsed.";

    public static final String MESSAGES_FILTER_MAX_ITERATIONS_CONFIG = "messages.filter.max.iterations";
    public static final String MESSAGES_FILTER_MAX_ITERATIONS_DOC = "The most loop iterations (CEL's all, exists, map, "
        + "filter macros, nested ones counted together) a filter may take on one record, which bounds what each record "
        + "costs; a filter that takes more is refused.";

    public static final String ALERT_WINDOW_MS_CONFIG = "alerts.window.ms";
    public static final String ALERT_WINDOW_MS_DOC = "How long a group's lag must keep growing, and how recent a dead letter "
        + "must be, for the console's alert banners (the 5m of the Prometheus rules in docs/monitoring).";

    public static final String DEAD_LETTER_TOPICS_CONFIG = "alerts.dead.letter.topics";
    public static final String DEAD_LETTER_TOPICS_DOC = "The topics whose new records are dead letters (the sales pipeline's "
        + "dead.letter.topic); the Dead letters page lists them, and every other topic named *_dlq.";

    public static final String DEAD_LETTERS_MAX_CONCURRENT_READS_CONFIG = "dead.letters.max.concurrent.reads";
    public static final String DEAD_LETTERS_MAX_CONCURRENT_READS_DOC = "How many dead-letter listings, groupings and "
        + "redrives may read at once; each reads a whole dead-letter topic. One more waits for a free read as long as "
        + "request.timeout.ms, then is answered 429, so a burst of page loads cannot start unbounded full-topic scans.";

    public static final String DEAD_LETTERS_REDRIVE_LIMIT_CONFIG = "dead.letters.redrive.limit";
    public static final String DEAD_LETTERS_REDRIVE_LIMIT_DOC = "How many times a dead letter's record may have been "
        + "redriven (its tillstream.redrive.count header) and still be sent back by the Dead letters page without force.";

    public static final ConfigDef CONFIG = new ConfigDef()
        .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
        .define(REGISTRY_URL_CONFIG, Type.STRING, "http://127.0.0.1:8081", new ConfigDef.NonEmptyString(),
            Importance.HIGH, REGISTRY_URL_DOC)
        .define(REGISTRY_USER_INFO_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, REGISTRY_USER_INFO_DOC)
        .define(CLUSTER_NAME_CONFIG, Type.STRING, DEFAULT_CLUSTER_NAME, new ClusterName(), Importance.MEDIUM,
            CLUSTER_NAME_DOC)
        .define(CLUSTERS_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM, CLUSTERS_FILE_DOC)
        .define(LISTEN_HOST_CONFIG, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.HIGH,
            LISTEN_HOST_DOC)
        .define(LISTEN_PORT_CONFIG, Type.INT, 9021, Range.between(0, 65_535), Importance.HIGH, LISTEN_PORT_DOC)
        .define(READ_ONLY_CONFIG, Type.BOOLEAN, false, Importance.HIGH, READ_ONLY_DOC)
        .define(USERS_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM, USERS_FILE_DOC)
        .define(TLS_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, TLS_KEYSTORE_LOCATION_DOC)
        .define(TLS_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, TLS_KEYSTORE_PASSWORD_DOC)
        .define(TLS_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, TLS_TRUSTSTORE_LOCATION_DOC)
        .define(TLS_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, TLS_TRUSTSTORE_PASSWORD_DOC)
        .define(TLS_STORE_TYPE_CONFIG, Type.STRING, Https.DEFAULT_STORE_TYPE, ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"),
            Importance.LOW, TLS_STORE_TYPE_DOC)
        .define(SALES_API_URL_CONFIG, Type.STRING, null, new HttpUrl(), Importance.LOW, SALES_API_URL_DOC)
        .define(LAKE_PATH_CONFIG, Type.STRING, null, Importance.LOW, LAKE_PATH_DOC)
        .define(LAKE_GROUP_ID_CONFIG, Type.STRING, LakeFileName.DEFAULT_SINK_GROUP, new ConfigDef.NonEmptyString(),
            Importance.LOW, LAKE_GROUP_ID_DOC)
        .define(SAMPLE_INTERVAL_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(100), Importance.LOW,
            SAMPLE_INTERVAL_MS_DOC)
        .define(METRICS_WINDOW_MS_CONFIG, Type.LONG, 15 * 60_000L, Range.atLeast(1_000), Importance.LOW,
            METRICS_WINDOW_MS_DOC)
        .define(REQUEST_TIMEOUT_MS_CONFIG, Type.INT, 10_000, Range.atLeast(100), Importance.LOW,
            REQUEST_TIMEOUT_MS_DOC)
        .define(MESSAGES_MAX_RECORDS_CONFIG, Type.INT, 500, Range.between(1, 100_000), Importance.LOW,
            MESSAGES_MAX_RECORDS_DOC)
        .define(MESSAGES_MAX_BYTES_CONFIG, Type.INT, 8 * 1024 * 1024, Range.atLeast(1), Importance.LOW,
            MESSAGES_MAX_BYTES_DOC)
        .define(MESSAGES_MAX_CONCURRENT_CONFIG, Type.INT, 4, Range.atLeast(1), Importance.LOW,
            MESSAGES_MAX_CONCURRENT_DOC)
        .define(MESSAGES_MAX_CONCURRENT_SCANS_CONFIG, Type.INT, 2, Range.atLeast(1), Importance.LOW,
            MESSAGES_MAX_CONCURRENT_SCANS_DOC)
        .define(MESSAGES_SEARCH_BUDGET_CONFIG, Type.LONG, 1_000_000L, Range.atLeast(1), Importance.LOW,
            MESSAGES_SEARCH_BUDGET_DOC)
        .define(MESSAGES_SEARCH_MAX_BUDGET_CONFIG, Type.LONG, 100_000_000L, Range.atLeast(1), Importance.LOW,
            MESSAGES_SEARCH_MAX_BUDGET_DOC)
        .define(MESSAGES_FILTER_MAX_LENGTH_CONFIG, Type.INT, 2_048, Range.between(16, 100_000), Importance.LOW,
            MESSAGES_FILTER_MAX_LENGTH_DOC)
        .define(MESSAGES_FILTER_MAX_ITERATIONS_CONFIG, Type.INT, 1_000, Range.between(1, 1_000_000), Importance.LOW,
            MESSAGES_FILTER_MAX_ITERATIONS_DOC)
        .define(ALERT_WINDOW_MS_CONFIG, Type.LONG, 5 * 60_000L, Range.atLeast(1_000), Importance.LOW, ALERT_WINDOW_MS_DOC)
        .define(DEAD_LETTER_TOPICS_CONFIG, Type.LIST, DeadLetters.topicFor(RawData.TOPIC), Importance.LOW, DEAD_LETTER_TOPICS_DOC)
        .define(DEAD_LETTERS_MAX_CONCURRENT_READS_CONFIG, Type.INT, 2, Range.atLeast(1), Importance.LOW,
            DEAD_LETTERS_MAX_CONCURRENT_READS_DOC)
        .define(DEAD_LETTERS_REDRIVE_LIMIT_CONFIG, Type.INT, Redrive.DEFAULT_LIMIT, Range.atLeast(0), Importance.LOW,
            DEAD_LETTERS_REDRIVE_LIMIT_DOC);

    /**
     * The settings that belong to one cluster rather than to the console: each cluster of a clusters file has its own,
     * with the console's as defaults; every Kafka client setting (its command.config file) is a cluster's too.
     */
    public static final Set<String> CLUSTER_SETTINGS = Set.of(BOOTSTRAP_SERVERS_CONFIG, REGISTRY_URL_CONFIG,
        REGISTRY_USER_INFO_CONFIG, READ_ONLY_CONFIG, SALES_API_URL_CONFIG, LAKE_PATH_CONFIG, LAKE_GROUP_ID_CONFIG,
        DEAD_LETTER_TOPICS_CONFIG, DEAD_LETTERS_REDRIVE_LIMIT_CONFIG);

    /** A name that can stand in a URL path unescaped. */
    private static final class ClusterName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !value.toString().matches("[A-Za-z0-9_-]+")) {
                throw new ConfigException(name, value, "a cluster's name is letters, digits, '_' and '-'");
            }
        }

        @Override
        public String toString() {
            return "letters, digits, '_' and '-'";
        }
    }

    /** An http(s) URL with a host, or none. */
    private static final class HttpUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                URI uri = new URI(value.toString());
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new ConfigException(name, value, "must be an http:// or https:// URL such as http://127.0.0.1:7070");
        }

        @Override
        public String toString() {
            return "an http(s) URL";
        }
    }

    public ConsoleConfig(Map<?, ?> props) {
        super(CONFIG, props);
        if (getList(BOOTSTRAP_SERVERS_CONFIG).isEmpty()) {
            throw new ConfigException(BOOTSTRAP_SERVERS_CONFIG, "", "at least one broker is needed");
        }
    }

    /**
     * The console's settings for cluster {@code name}: these settings but for the cluster's own ({@code cluster}, its
     * {@link #CLUSTER_SETTINGS} and Kafka client settings), which replace the console's Kafka client settings whole.
     */
    public ConsoleConfig forCluster(String name, Map<String, ?> cluster) {
        Map<String, Object> props = new HashMap<>();
        originals().forEach((key, value) -> {
            if (CONFIG.names().contains(key) && !key.equals(BOOTSTRAP_SERVERS_CONFIG) && !key.equals(CLUSTERS_FILE_CONFIG)) {
                props.put(key, value);
            }
        });
        props.putAll(cluster);
        if (readOnly()) {
            // The console's --read-only holds for every cluster; a cluster's own read.only can only add to it.
            props.put(READ_ONLY_CONFIG, true);
        }
        props.put(CLUSTER_NAME_CONFIG, name);
        return new ConsoleConfig(props);
    }

    /** Settings for the console's own Kafka clients: the bootstrap servers and every Kafka client setting given. */
    public Map<String, Object> kafkaClientProps() {
        Set<String> clientSettings = new HashSet<>(ProducerConfig.configNames());
        clientSettings.addAll(ConsumerConfig.configNames());
        clientSettings.addAll(AdminClientConfig.configNames());
        Map<String, Object> props = new HashMap<>();
        originals().forEach((name, value) -> {
            if (!CONFIG.names().contains(name)
                && (clientSettings.contains(name) || name.startsWith("sasl.") || name.startsWith("ssl."))) {
                props.put(name, value);
            }
        });
        props.put(BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers()));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, requestTimeoutMs());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs());
        // Describing a classic group asks the newer ConsumerGroupDescribe API first and retries with the classic one
        // after one backoff: Kafka's default 100 ms would be most of every group page's answer time.
        props.putIfAbsent(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        return props;
    }

    public List<String> bootstrapServers() {
        return getList(BOOTSTRAP_SERVERS_CONFIG);
    }

    public String registryUrl() {
        return getString(REGISTRY_URL_CONFIG);
    }

    /** Null when the registry needs no credentials. */
    public String registryUserInfo() {
        return getPassword(REGISTRY_USER_INFO_CONFIG) == null ? null : getPassword(REGISTRY_USER_INFO_CONFIG).value();
    }

    public String clusterName() {
        return getString(CLUSTER_NAME_CONFIG);
    }

    /** The clusters file, or null for the one cluster of these settings. */
    public Path clustersFile() {
        String file = getString(CLUSTERS_FILE_CONFIG);
        return file == null ? null : Path.of(file);
    }

    public String listenHost() {
        return getString(LISTEN_HOST_CONFIG);
    }

    public int listenPort() {
        return getInt(LISTEN_PORT_CONFIG);
    }

    public boolean readOnly() {
        return getBoolean(READ_ONLY_CONFIG);
    }

    public String usersFile() {
        return getString(USERS_FILE_CONFIG);
    }

    /** TLS for the console's own listener; empty for plain HTTP. */
    public Optional<Https> https() {
        String keystore = getString(TLS_KEYSTORE_LOCATION_CONFIG);
        return keystore == null ? Optional.empty() : Optional.of(new Https(Path.of(keystore),
            getPassword(TLS_KEYSTORE_PASSWORD_CONFIG).value(), storeType()));
    }

    /** What the console trusts when it calls https servers; empty for the JVM's default. */
    public Optional<Truststore> truststore() {
        String location = getString(TLS_TRUSTSTORE_LOCATION_CONFIG);
        return location == null ? Optional.empty() : Optional.of(new Truststore(Path.of(location),
            getPassword(TLS_TRUSTSTORE_PASSWORD_CONFIG).value(), storeType()));
    }

    private String storeType() {
        return getString(TLS_STORE_TYPE_CONFIG).toUpperCase(Locale.ROOT);
    }

    /** The sales pipeline's base URL without a trailing slash, or null when there is none. */
    public String salesApiUrl() {
        String url = getString(SALES_API_URL_CONFIG);
        return url == null ? null : url.replaceAll("/+$", "");
    }

    /** The lake directory, or null when the console is not told where it is. */
    public Path lakePath() {
        String path = getString(LAKE_PATH_CONFIG);
        return path == null || path.isBlank() ? null : Path.of(path);
    }

    public String lakeGroupId() {
        return getString(LAKE_GROUP_ID_CONFIG);
    }

    public long sampleIntervalMs() {
        return getLong(SAMPLE_INTERVAL_MS_CONFIG);
    }

    public long metricsWindowMs() {
        return getLong(METRICS_WINDOW_MS_CONFIG);
    }

    public long alertWindowMs() {
        return getLong(ALERT_WINDOW_MS_CONFIG);
    }

    public List<String> deadLetterTopics() {
        return getList(DEAD_LETTER_TOPICS_CONFIG);
    }

    public int deadLettersRedriveLimit() {
        return getInt(DEAD_LETTERS_REDRIVE_LIMIT_CONFIG);
    }

    public int messagesMaxRecords() {
        return getInt(MESSAGES_MAX_RECORDS_CONFIG);
    }

    public int messagesMaxBytes() {
        return getInt(MESSAGES_MAX_BYTES_CONFIG);
    }

    public int messagesMaxConcurrent() {
        return getInt(MESSAGES_MAX_CONCURRENT_CONFIG);
    }

    public int deadLettersMaxConcurrentReads() {
        return getInt(DEAD_LETTERS_MAX_CONCURRENT_READS_CONFIG);
    }

    public int messagesMaxConcurrentScans() {
        return getInt(MESSAGES_MAX_CONCURRENT_SCANS_CONFIG);
    }

    public long messagesSearchBudget() {
        return getLong(MESSAGES_SEARCH_BUDGET_CONFIG);
    }

    public long messagesSearchMaxBudget() {
        return getLong(MESSAGES_SEARCH_MAX_BUDGET_CONFIG);
    }

    public int messagesFilterMaxLength() {
        return getInt(MESSAGES_FILTER_MAX_LENGTH_CONFIG);
    }

    public int messagesFilterMaxIterations() {
        return getInt(MESSAGES_FILTER_MAX_ITERATIONS_CONFIG);
    }

    public int requestTimeoutMs() {
        return getInt(REQUEST_TIMEOUT_MS_CONFIG);
    }
}
