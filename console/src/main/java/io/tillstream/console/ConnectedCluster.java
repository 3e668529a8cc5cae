package io.tillstream.console;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.Tags;
import io.tillstream.console.acls.AclRoutes;
import io.tillstream.console.acls.ClusterAcls;
import io.tillstream.console.alerts.AlertRoutes;
import io.tillstream.console.alerts.Alerts;
import io.tillstream.console.cluster.ClusterRoutes;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.deadletters.DeadLetterRoutes;
import io.tillstream.console.groups.GroupRoutes;
import io.tillstream.console.groups.LagHistory;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.ScopedRoutes;
import io.tillstream.console.http.WebServer;
import io.tillstream.console.lake.LakeRoutes;
import io.tillstream.console.messages.MessageRoutes;
import io.tillstream.console.sales.SalesRoutes;
import io.tillstream.console.schemas.SchemaRoutes;
import io.tillstream.console.topics.TopicRoutes;
import io.tillstream.console.topology.TopologyRoutes;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.security.AccessFilter;
import io.tillstream.security.User;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.clients.admin.Admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One cluster the console shows, with everything that talks to it: its Admin client, its registry client, its sampler
 * and the features' routes built over them. Each cluster of a clusters file has its own; none knows the others.
 */
final class ConnectedCluster implements AutoCloseable {

    /**
     * What the UI needs to know about this cluster before it draws anything: {@code readOnly} when the cluster is
     * shown read-only or the signed-in user is no admin (the UI then hides every admin action), who that user is
     * ({@code null} without a users file), and how far back its charts reach.
     */
    record Info(String cluster, boolean readOnly, String user, String registryUrl, boolean salesApi,
                List<String> bootstrapServers, long metricsWindowMs) {
    }

    /** The cluster in the list of clusters: {@code reachable} while its latest sample succeeded. */
    record Summary(String name, List<String> bootstrapServers, boolean reachable, boolean readOnly) {
    }

    private final ConsoleConfig config;
    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final ClusterSampler sampler;
    private final MessageRoutes messages;
    private final List<Routes> routes;

    /** @param labelled whether its metrics carry its name: when the console shows several clusters */
    ConnectedCluster(ConsoleConfig config, MetricsEndpoint metrics, boolean labelled) {
        this.config = config;
        Map<String, Object> registrySettings = registrySettings(config);
        this.admin = Admin.create(config.kafkaClientProps());
        this.registry = new CachedSchemaRegistryClient(registrySettings);
        this.sampler = new ClusterSampler(admin, config.sampleIntervalMs(), config.metricsWindowMs(), metrics.registry(),
            labelled ? Tags.of(ControlCenter.CLUSTER_LABEL, config.clusterName()) : Tags.empty());
        LagHistory lag = new LagHistory(config.sampleIntervalMs(), config.metricsWindowMs());
        Alerts alerts = new Alerts(lag, config.alertWindowMs(), Set.copyOf(config.deadLetterTopics()));
        sampler.onSample(lag);
        sampler.onSample(alerts);
        this.messages = new MessageRoutes(config, sampler, registry, registrySettings);
        this.routes = List.of(this::addInfo, new ClusterRoutes(sampler), new TopicRoutes(admin, sampler), messages,
            new GroupRoutes(admin, sampler, lag), new SchemaRoutes(registry),
            new SalesRoutes(config.salesApiUrl(), config.truststore()), new LakeRoutes(admin, config),
            new AlertRoutes(alerts, sampler), new TopologyRoutes(config.salesApiUrl(), config.truststore()),
            new AclRoutes(new ClusterAcls(admin)), new DeadLetterRoutes(config, sampler, registry, registrySettings));
    }

    private static Map<String, Object> registrySettings(ConsoleConfig config) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, config.registryUrl());
        if (config.registryUserInfo() != null) {
            settings.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
            settings.put(SchemaRegistryClientConfig.USER_INFO_CONFIG, config.registryUserInfo());
        }
        config.truststore().ifPresent(trust -> {
            settings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, trust.location().toString());
            settings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, trust.password());
            settings.put(SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG, trust.type());
        });
        return settings;
    }

    private void addInfo(RoutesConfig routes) {
        String registryUrl = withoutCredentials(config.registryUrl());
        routes.get(WebServer.API + "/info", ctx -> {
            Optional<User> user = AccessFilter.user(ctx);
            ctx.json(new Info(name(), config.readOnly() || user.map(u -> !u.isAdmin()).orElse(false),
                user.map(User::name).orElse(null), registryUrl, config.salesApiUrl() != null, config.bootstrapServers(),
                config.metricsWindowMs()));
        });
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

    String name() {
        return config.clusterName();
    }

    ClusterSampler sampler() {
        return sampler;
    }

    /** Its features' routes, to be mounted for it by {@link ScopedRoutes}. */
    ScopedRoutes.Cluster scope() {
        return new ScopedRoutes.Cluster(name(), config.readOnly(), routes);
    }

    Summary summary() {
        return new Summary(name(), config.bootstrapServers(), sampler.peek() != null && sampler.failure() == null,
            config.readOnly());
    }

    void start() {
        sampler.start();
    }

    @Override
    public void close() {
        sampler.close();
        messages.close();
        registry.close();
        admin.close();
    }
}
