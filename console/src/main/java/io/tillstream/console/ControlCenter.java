package io.tillstream.console;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.tillstream.console.alerts.AlertRoutes;
import io.tillstream.console.alerts.Alerts;
import io.tillstream.console.cluster.ClusterRoutes;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.deadletters.DeadLetterRoutes;
import io.tillstream.console.groups.GroupRoutes;
import io.tillstream.console.groups.LagHistory;
import io.tillstream.console.groups.LagMetrics;
import io.tillstream.console.http.ApiDocument;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import io.tillstream.console.lake.LakeRoutes;
import io.tillstream.console.messages.MessageRoutes;
import io.tillstream.console.sales.SalesRoutes;
import io.tillstream.console.schemas.SchemaRoutes;
import io.tillstream.console.topics.TopicRoutes;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import io.tillstream.security.AccessFilter;
import io.tillstream.security.User;
import io.tillstream.security.UsersFileException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * The Control Center: a web UI and its REST API ({@code /api/v1}) that monitor and administer a
 * Kafka cluster, reached like any client reaches it, and decode its records through the registry.
 *
 * <pre>{@code
 * try (ControlCenter console = ControlCenter.create(new ConsoleConfig(Map.of(
 *         ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")))) {
 *     console.start();
 *     System.out.println(console.url());
 * }
 * }</pre>
 */
public final class ControlCenter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlCenter.class);

    /**
     * What the UI needs to know about this console before it draws anything: {@code readOnly} when the
     * console runs read-only or the signed-in user is no admin (the UI then hides every admin action),
     * and who that user is ({@code null} without a users file).
     */
    record Info(boolean readOnly, String user, String registryUrl, boolean salesApi, List<String> bootstrapServers) {
    }

    private final ConsoleConfig config;
    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final ClusterSampler sampler;
    private final MessageRoutes messages;
    private final MetricsEndpoint metrics = new MetricsEndpoint();
    private final Javalin http;
    private volatile int port = -1;
    private volatile boolean closed;

    private ControlCenter(ConsoleConfig config) {
        this.config = config;
        Map<String, Object> registrySettings = new HashMap<>();
        registrySettings.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, config.registryUrl());
        if (config.registryUserInfo() != null) {
            registrySettings.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
            registrySettings.put(SchemaRegistryClientConfig.USER_INFO_CONFIG, config.registryUserInfo());
        }
        config.truststore().ifPresent(trust -> {
            registrySettings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, trust.location().toString());
            registrySettings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, trust.password());
            registrySettings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG, trust.type());
        });
        this.admin = Admin.create(config.kafkaClientProps());
        this.registry = new CachedSchemaRegistryClient(registrySettings);
        this.sampler = new ClusterSampler(admin, config.sampleIntervalMs(), config.metricsWindowMs(), metrics.registry());
        LagHistory lag = new LagHistory(config.sampleIntervalMs(), config.metricsWindowMs());
        Alerts alerts = new Alerts(lag, config.alertWindowMs(), Set.copyOf(config.deadLetterTopics()));
        sampler.onSample(lag);
        sampler.onSample(alerts);
        metrics.register(new LagMetrics(sampler));
        this.messages = new MessageRoutes(config, sampler, registry, registrySettings);
        String registryUrl = withoutCredentials(config.registryUrl());
        Routes infoRoute = routes -> routes.get(WebServer.API + "/info", ctx -> {
            Optional<User> user = AccessFilter.user(ctx);
            ctx.json(new Info(config.readOnly() || user.map(u -> !u.isAdmin()).orElse(false), user.map(User::name).orElse(null),
                registryUrl, config.salesApiUrl() != null, config.bootstrapServers()));
        });
        try {
            this.http = WebServer.create(config, List.of(infoRoute, new ApiDocument(), new ClusterRoutes(sampler),
                new TopicRoutes(admin, sampler), messages, new GroupRoutes(admin, sampler, lag),
                new SchemaRoutes(registry), new SalesRoutes(config.salesApiUrl(), config.truststore()),
                new LakeRoutes(admin, config), new AlertRoutes(alerts, sampler),
                new DeadLetterRoutes(config, sampler, registry, registrySettings)), metrics);
        } catch (UsersFileException e) {
            close();
            throw new ConsoleStartException(e.getMessage(), e);
        }
    }

    /** {@code url} without a {@code user:password@} part, which the UI must never be shown. */
    static String withoutCredentials(String url) {
        URI uri = URI.create(url);
        if (uri.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath(), uri.getRawQuery(), null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a URL: " + uri.getScheme() + "://" + uri.getHost(), e);
        }
    }

    /**
     * A console for {@code config}, not yet started. Creating it does not reach Kafka: Kafka's
     * clients connect lazily, and the pages say so while the cluster is out of reach.
     *
     * @throws ConsoleStartException if the users file cannot be read
     */
    public static ControlCenter create(ConsoleConfig config) {
        return new ControlCenter(config);
    }

    /**
     * Starts sampling the cluster and serving; returns once the port is open.
     *
     * @throws ConsoleStartException if the port is taken
     */
    public void start() {
        try {
            http.start();
        } catch (RuntimeException e) {
            close();
            throw new ConsoleStartException("Cannot listen on " + config.listenHost() + ":" + config.listenPort() + ": "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        port = http.port();
        sampler.start();
        log.info("Control Center at {}", url());
    }

    /** The port served, the chosen one when configured as 0; -1 before {@link #start()}. */
    public int port() {
        return port;
    }

    /** The UI's address, for example {@code http://127.0.0.1:9021}. */
    public String url() {
        String host = config.listenHost();
        return (config.https().isPresent() ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Where this console's metrics go and are served from ({@code /metrics}); collectors added here, such as the
     * embedded brokers' {@code BrokerMetrics}, are served with them.
     */
    public MetricsEndpoint metrics() {
        return metrics;
    }

    /** The REST API's endpoints, as Javalin registered them: what the API document must describe. */
    List<Endpoint> endpoints() {
        return http.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
            .filter(endpoint -> endpoint.method.isHttpMethod() && endpoint.path.startsWith(WebServer.API)).toList();
    }

    /** Stops serving and closes the Kafka and registry clients; calling it twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (http != null) {
            http.stop();
        }
        sampler.close();
        messages.close();
        registry.close();
        admin.close();
    }
}
