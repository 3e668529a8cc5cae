package io.tillstream.serde.client;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.kafka.common.config.ConfigDef.NO_DEFAULT_VALUE;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.ValidString.in;

/**
 * Settings of {@link CachedSchemaRegistryClient}, under the names Confluent's client uses so that an
 * existing client configuration carries over.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_URL_DOC = "Comma-separated URLs of the schema registry instances, "
        + "tried in order when one cannot be reached. Credentials may be given in the URL (http://user:password@host:8081) "
        + "when basic.auth.credentials.source is URL.";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT = "URL";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where the HTTP basic auth credentials come from: "
        + "URL (the user info of " + SCHEMA_REGISTRY_URL_CONFIG + ") or USER_INFO (basic.auth.user.info).";

    public static final String USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String USER_INFO_DOC = "The basic auth credentials as {username}:{password}, used when "
        + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + " is USER_INFO.";

    /** Confluent's older name for {@link #USER_INFO_CONFIG}, still common in client configurations. */
    public static final String SCHEMA_REGISTRY_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";
    public static final String SCHEMA_REGISTRY_USER_INFO_DOC = "Deprecated name of " + USER_INFO_CONFIG
        + ", used when that is not set.";

    public static final String MAX_SCHEMAS_PER_SUBJECT_CONFIG = "max.schemas.per.subject";
    public static final int MAX_SCHEMAS_PER_SUBJECT_DEFAULT = 1000;
    public static final String MAX_SCHEMAS_PER_SUBJECT_DOC = "The number of entries each of the client's caches "
        + "(schemas by ID, IDs by subject and schema) holds before it evicts one.";

    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    public static final int HTTP_CONNECT_TIMEOUT_MS_DEFAULT = 60_000;
    public static final String HTTP_CONNECT_TIMEOUT_MS_DOC = "How long to wait for a connection to a registry URL.";

    public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    public static final int HTTP_READ_TIMEOUT_MS_DEFAULT = 60_000;
    public static final String HTTP_READ_TIMEOUT_MS_DOC = "How long to wait for the registry to answer a request.";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_LOCATION_DOC = "A truststore with the certificate authorities an https "
        + "registry's certificate is checked against; the JVM's own when not set.";

    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_PASSWORD_DOC = "The truststore's password.";

    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
    public static final String SSL_TRUSTSTORE_TYPE_DOC = "The truststore's format: JKS (Confluent's default) or PKCS12.";

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, NO_DEFAULT_VALUE, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
        .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT,
            in("URL", "USER_INFO"), Importance.MEDIUM, BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
        .define(USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, USER_INFO_DOC)
        .define(SCHEMA_REGISTRY_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.LOW, SCHEMA_REGISTRY_USER_INFO_DOC)
        .define(MAX_SCHEMAS_PER_SUBJECT_CONFIG, Type.INT, MAX_SCHEMAS_PER_SUBJECT_DEFAULT, atLeast(1), Importance.LOW,
            MAX_SCHEMAS_PER_SUBJECT_DOC)
        .define(HTTP_CONNECT_TIMEOUT_MS_CONFIG, Type.INT, HTTP_CONNECT_TIMEOUT_MS_DEFAULT, atLeast(1), Importance.LOW,
            HTTP_CONNECT_TIMEOUT_MS_DOC)
        .define(HTTP_READ_TIMEOUT_MS_CONFIG, Type.INT, HTTP_READ_TIMEOUT_MS_DEFAULT, atLeast(1), Importance.LOW,
            HTTP_READ_TIMEOUT_MS_DOC)
        .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, SSL_TRUSTSTORE_LOCATION_DOC)
        .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, SSL_TRUSTSTORE_PASSWORD_DOC)
        .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "JKS", in("JKS", "PKCS12"), Importance.LOW, SSL_TRUSTSTORE_TYPE_DOC);

    public SchemaRegistryClientConfig(Map<?, ?> originals) {
        this(CONFIG, originals);
    }

    /** For settings that extend these, such as the serializers'. */
    protected SchemaRegistryClientConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
    }

    /** A copy of the definition, for generating docs and for configs that extend this one. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** The registry URLs without credentials; the {@link #basicAuthUserInfo() credentials} are kept apart. */
    public List<URI> baseUrls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG).stream().map(SchemaRegistryClientConfig::withoutUserInfo).toList();
    }

    /** {@code username:password} for HTTP basic auth, if configured. */
    public Optional<String> basicAuthUserInfo() {
        if (getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG).equals("USER_INFO")) {
            String userInfo = getPassword(USER_INFO_CONFIG).value();
            String legacy = getPassword(SCHEMA_REGISTRY_USER_INFO_CONFIG).value();
            String chosen = userInfo.isEmpty() ? legacy : userInfo;
            if (chosen.isEmpty()) {
                throw new ConfigException(USER_INFO_CONFIG, new Password(""),
                    "must be set when " + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + " is USER_INFO");
            }
            return Optional.of(chosen);
        }
        // Only the first URL's user info counts, as in Confluent's client: one registry, one account.
        return getList(SCHEMA_REGISTRY_URL_CONFIG).stream().findFirst()
            .map(SchemaRegistryClientConfig::parse).map(URI::getRawUserInfo)
            .map(userInfo -> URLDecoder.decode(userInfo, StandardCharsets.UTF_8));
    }

    /**
     * The TLS context for https registries: trusting {@code schema.registry.ssl.truststore.*} when set,
     * empty for the JVM's default.
     *
     * @throws ConfigException if the truststore cannot be read
     */
    public Optional<SSLContext> sslContext() {
        String location = getString(SSL_TRUSTSTORE_LOCATION_CONFIG);
        if (location == null) {
            return Optional.empty();
        }
        Password password = getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore truststore = KeyStore.getInstance(getString(SSL_TRUSTSTORE_TYPE_CONFIG));
            truststore.load(in, password == null ? null : password.value().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(SSL_TRUSTSTORE_LOCATION_CONFIG, location, "cannot read it: " + e.getMessage());
        }
    }

    public int cacheCapacity() {
        return getInt(MAX_SCHEMAS_PER_SUBJECT_CONFIG);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS_CONFIG));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS_CONFIG));
    }

    private static URI withoutUserInfo(String url) {
        URI uri = parse(url);
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL_CONFIG, url, e.getMessage());
        }
    }

    private static URI parse(String url) {
        URI uri = null;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // Reported below, like a URL without scheme or host.
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ConfigException(SCHEMA_REGISTRY_URL_CONFIG, url, "expected http://host:port or https://host:port");
        }
        return uri;
    }
}
