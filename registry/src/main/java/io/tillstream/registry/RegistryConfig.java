package io.tillstream.registry;

import io.tillstream.security.Https;
import io.tillstream.security.Truststore;
import io.tillstream.security.UsersFile;
import io.tillstream.registry.model.CompatibilityLevel;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's settings, under Confluent Schema Registry's names so that its properties files
 * carry over. Every other {@code kafkastore.}-prefixed Kafka client setting (security.protocol,
 * sasl.*, ssl.*, ...) is passed to the registry's Kafka clients with the prefix stripped.
 */
public final class RegistryConfig extends AbstractConfig {

    private static final String KAFKASTORE_PREFIX = "kafkastore.";

    public static final String KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG = "kafkastore.bootstrap.servers";
    public static final String KAFKASTORE_BOOTSTRAP_SERVERS_DOC =
        "Kafka brokers to keep the registry's state in, as host:port pairs separated by commas.";

    public static final String KAFKASTORE_TOPIC_CONFIG = "kafkastore.topic";
    public static final String KAFKASTORE_TOPIC_DOC = "The compacted single-partition topic holding the schemas. "
        + "Created if missing.";

    public static final String LISTENERS_CONFIG = "listeners";
    public static final String LISTENERS_DOC = "Where the REST API listens, as http://host:port. Port 0 picks a free port.";

    public static final String KAFKASTORE_TIMEOUT_MS_CONFIG = "kafkastore.timeout.ms";
    public static final String KAFKASTORE_TIMEOUT_MS_DOC = "How long a write may take to be acknowledged by Kafka "
        + "and read back before the request fails.";

    public static final String KAFKASTORE_INIT_TIMEOUT_MS_CONFIG = "kafkastore.init.timeout.ms";
    public static final String KAFKASTORE_INIT_TIMEOUT_MS_DOC = "How long start-up may take to reach Kafka, "
        + "create the topic and read it to the end.";

    public static final String SCHEMA_COMPATIBILITY_LEVEL_CONFIG = "schema.compatibility.level";
    public static final String SCHEMA_COMPATIBILITY_LEVEL_DOC = "The compatibility level of subjects that have none "
        + "of their own, until one is set through /config.";

    public static final String AUTHENTICATION_USERS_FILE_CONFIG = "authentication.users.file";
    public static final String AUTHENTICATION_USERS_FILE_DOC = UsersFile.DOC;

    public static final String AUTHENTICATION_METHOD_CONFIG = "authentication.method";
    public static final String AUTHENTICATION_METHOD_DOC = "Confluent's switch for HTTP authentication: NONE, or BASIC, "
        + "which needs " + AUTHENTICATION_USERS_FILE_CONFIG + " (a JAAS file's users are not read: the registry refuses "
        + "to start rather than start open). A users file turns BASIC on by itself.";
    public static final String AUTHENTICATION_METHOD_NONE = "NONE";
    public static final String AUTHENTICATION_METHOD_BASIC = "BASIC";

    public static final String AUTHENTICATION_ROLES_CONFIG = "authentication.roles";
    public static final String AUTHENTICATION_ROLES_DOC = "The roles allowed to sign in at all (Confluent's setting); "
        + "* for every user of the users file. Writes need the admin role in any case.";

    public static final String AUTHENTICATION_REALM_CONFIG = "authentication.realm";
    public static final String AUTHENTICATION_REALM_DOC = "The realm named in the basic-auth challenge (Confluent's "
        + "JAAS section name).";

    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_LOCATION_DOC = "The keystore (key and certificate chain) of an https:// "
        + "listener, as in Confluent's registry.";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "ssl.keystore.password";
    public static final String SSL_KEYSTORE_PASSWORD_DOC = "The keystore's password (and its key's).";
    public static final String SSL_KEYSTORE_TYPE_CONFIG = "ssl.keystore.type";
    public static final String SSL_KEYSTORE_TYPE_DOC = "The keystore's format: JKS or PKCS12.";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_LOCATION_DOC = "The certificate authorities a follower trusts when it "
        + "forwards a write to an https:// leader, as in Confluent's registry; the JVM's own when not set.";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_PASSWORD_DOC = "The truststore's password.";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "ssl.truststore.type";
    public static final String SSL_TRUSTSTORE_TYPE_DOC = "The truststore's format: JKS or PKCS12.";

    public static final String SCHEMA_REGISTRY_GROUP_ID_CONFIG = "schema.registry.group.id";
    public static final String SCHEMA_REGISTRY_GROUP_ID_DOC = "The Kafka group in which the registry instances of one "
        + "schemas topic elect their leader.";

    public static final String LEADER_ELIGIBILITY_CONFIG = "leader.eligibility";
    public static final String LEADER_ELIGIBILITY_DOC = "Whether this instance may be elected leader; false makes it a "
        + "follower that forwards every write.";

    public static final String HOST_NAME_CONFIG = "host.name";
    public static final String HOST_NAME_DOC = "The host name the other instances forward writes to; the listener's "
        + "host when not set.";

    /** Our own kafkastore.* settings: everything else under the prefix is a Kafka client setting. */
    private static final Set<String> OWN_KAFKASTORE_SETTINGS = Set.of(KAFKASTORE_TOPIC_CONFIG,
        KAFKASTORE_TIMEOUT_MS_CONFIG, KAFKASTORE_INIT_TIMEOUT_MS_CONFIG);

    public static final ConfigDef CONFIG = new ConfigDef()
        .define(KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyString() {
                @Override
                public void ensureValid(String name, Object value) {
                    if (value == null || ((java.util.List<?>) value).isEmpty()) {
                        throw new ConfigException(name, value, "at least one broker is needed");
                    }
                }
            }, Importance.HIGH, KAFKASTORE_BOOTSTRAP_SERVERS_DOC)
        .define(KAFKASTORE_TOPIC_CONFIG, Type.STRING, "_schemas", new ConfigDef.NonEmptyString(), Importance.HIGH,
            KAFKASTORE_TOPIC_DOC)
        .define(LISTENERS_CONFIG, Type.STRING, "http://127.0.0.1:8081", Importance.HIGH, LISTENERS_DOC)
        .define(KAFKASTORE_TIMEOUT_MS_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
            KAFKASTORE_TIMEOUT_MS_DOC)
        .define(KAFKASTORE_INIT_TIMEOUT_MS_CONFIG, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
            KAFKASTORE_INIT_TIMEOUT_MS_DOC)
        .define(SCHEMA_COMPATIBILITY_LEVEL_CONFIG, Type.STRING, CompatibilityLevel.BACKWARD.name(),
            ConfigDef.CaseInsensitiveValidString.in(Arrays.stream(CompatibilityLevel.values()).map(Enum::name)
                .toArray(String[]::new)), Importance.MEDIUM, SCHEMA_COMPATIBILITY_LEVEL_DOC)
        .define(AUTHENTICATION_USERS_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM, AUTHENTICATION_USERS_FILE_DOC)
        .define(AUTHENTICATION_METHOD_CONFIG, Type.STRING, AUTHENTICATION_METHOD_NONE,
            ConfigDef.CaseInsensitiveValidString.in(AUTHENTICATION_METHOD_NONE, AUTHENTICATION_METHOD_BASIC),
            Importance.MEDIUM, AUTHENTICATION_METHOD_DOC)
        .define(AUTHENTICATION_ROLES_CONFIG, Type.LIST, "*", Importance.LOW, AUTHENTICATION_ROLES_DOC)
        .define(AUTHENTICATION_REALM_CONFIG, Type.STRING, "SchemaRegistry", Importance.LOW, AUTHENTICATION_REALM_DOC)
        .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, SSL_KEYSTORE_LOCATION_DOC)
        .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, SSL_KEYSTORE_PASSWORD_DOC)
        .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, "JKS", ConfigDef.CaseInsensitiveValidString.in("JKS", "PKCS12"),
            Importance.LOW, SSL_KEYSTORE_TYPE_DOC)
        .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, SSL_TRUSTSTORE_LOCATION_DOC)
        .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, SSL_TRUSTSTORE_PASSWORD_DOC)
        .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "JKS", ConfigDef.CaseInsensitiveValidString.in("JKS", "PKCS12"),
            Importance.LOW, SSL_TRUSTSTORE_TYPE_DOC)
        .define(SCHEMA_REGISTRY_GROUP_ID_CONFIG, Type.STRING, "schema-registry", new ConfigDef.NonEmptyString(),
            Importance.MEDIUM, SCHEMA_REGISTRY_GROUP_ID_DOC)
        .define(LEADER_ELIGIBILITY_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, LEADER_ELIGIBILITY_DOC)
        .define(HOST_NAME_CONFIG, Type.STRING, null, Importance.LOW, HOST_NAME_DOC);

    private final URI listener;

    public RegistryConfig(Map<?, ?> props) {
        super(CONFIG, props);
        listener = parseListener(getString(LISTENERS_CONFIG));
    }

    private static URI parseListener(String value) {
        // Confluent allows a list; the registry serves on the first one.
        String first = value.split(",")[0].trim();
        try {
            URI uri = URI.create(first);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getPort() < 0) {
                throw new ConfigException(LISTENERS_CONFIG, value, "expected http://host:port or https://host:port");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(LISTENERS_CONFIG, value, "expected http://host:port or https://host:port");
        }
    }

    /**
     * TLS for an https listener; empty for http.
     *
     * @throws ConfigException if the listener is https without a keystore
     */
    public Optional<Https> https() {
        if (!"https".equalsIgnoreCase(listener.getScheme())) {
            return Optional.empty();
        }
        String keystore = getString(SSL_KEYSTORE_LOCATION_CONFIG);
        if (keystore == null) {
            throw new ConfigException(LISTENERS_CONFIG + " " + listener + " needs " + SSL_KEYSTORE_LOCATION_CONFIG);
        }
        Password password = getPassword(SSL_KEYSTORE_PASSWORD_CONFIG);
        return Optional.of(new Https(Path.of(keystore), password == null ? "" : password.value(),
            getString(SSL_KEYSTORE_TYPE_CONFIG).toUpperCase(Locale.ROOT)));
    }

    /** What a follower trusts when it forwards to an https leader; empty for the JVM's default. */
    public Optional<Truststore> truststore() {
        String location = getString(SSL_TRUSTSTORE_LOCATION_CONFIG);
        if (location == null) {
            return Optional.empty();
        }
        Password password = getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG);
        return Optional.of(new Truststore(Path.of(location), password == null ? "" : password.value(),
            getString(SSL_TRUSTSTORE_TYPE_CONFIG).toUpperCase(Locale.ROOT)));
    }

    /** The listener's scheme, http or https. */
    public String listenerScheme() {
        return listener.getScheme().toLowerCase(Locale.ROOT);
    }

    public String listenerHost() {
        return listener.getHost();
    }

    public int listenerPort() {
        return listener.getPort();
    }

    /** The host others reach this instance at: {@code host.name}, else the listener's host. */
    public String advertisedHost() {
        String hostName = getString(HOST_NAME_CONFIG);
        return hostName == null || hostName.isBlank() ? listenerHost() : hostName;
    }

    /**
     * The users every request must sign in as; empty when authentication is off.
     *
     * @throws ConfigException when {@code authentication.method} is BASIC without a users file
     */
    public Optional<String> usersFile() {
        String file = getString(AUTHENTICATION_USERS_FILE_CONFIG);
        if (file == null && AUTHENTICATION_METHOD_BASIC.equalsIgnoreCase(getString(AUTHENTICATION_METHOD_CONFIG))) {
            throw new ConfigException(AUTHENTICATION_METHOD_CONFIG + "=BASIC needs " + AUTHENTICATION_USERS_FILE_CONFIG
                + " (or --users-file): the registry does not read users from a JAAS file, and will not start open");
        }
        return Optional.ofNullable(file);
    }

    /** {@code authentication.roles} as a set; empty for every user. */
    public Set<String> signInRoles() {
        List<String> roles = getList(AUTHENTICATION_ROLES_CONFIG);
        return roles.contains("*") ? Set.of() : Set.copyOf(roles);
    }

    public CompatibilityLevel defaultCompatibility() {
        return CompatibilityLevel.parse(getString(SCHEMA_COMPATIBILITY_LEVEL_CONFIG));
    }

    /** Settings for the registry's Kafka clients: the kafkastore.* Kafka client settings without the prefix. */
    public Map<String, Object> kafkaClientProps() {
        Set<String> clientSettings = new HashSet<>(ProducerConfig.configNames());
        clientSettings.addAll(ConsumerConfig.configNames());
        clientSettings.addAll(AdminClientConfig.configNames());
        Map<String, Object> props = new HashMap<>();
        originals().forEach((key, value) -> {
            String name = key;
            if (name.startsWith(KAFKASTORE_PREFIX) && !OWN_KAFKASTORE_SETTINGS.contains(name)) {
                String stripped = name.substring(KAFKASTORE_PREFIX.length());
                if (clientSettings.contains(stripped) || stripped.startsWith("sasl.") || stripped.startsWith("ssl.")) {
                    props.put(stripped, value);
                }
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG)));
        return props;
    }
}
