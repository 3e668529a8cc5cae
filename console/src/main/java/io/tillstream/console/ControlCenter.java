package io.tillstream.console;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.groups.LagMetrics;
import io.tillstream.console.http.ApiDocument;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.ScopedRoutes;
import io.tillstream.console.http.WebServer;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.security.UsersFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Control Center: a web UI and its REST API ({@code /api/v1}) that monitor and administer Kafka
 * clusters, reached like any client reaches them, and decode their records through their registries:
 * the one cluster of its settings, or each of a clusters file ({@link ClustersFile}).
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

    /** The label naming the cluster a metric is about, on every metric once the console shows several. */
    public static final String CLUSTER_LABEL = "cluster";

    private final ConsoleConfig config;
    private final List<ConnectedCluster> clusters = new ArrayList<>();
    private final MetricsEndpoint metrics = new MetricsEndpoint();
    private final Javalin http;
    private volatile int port = -1;
    private volatile boolean closed;

    private ControlCenter(ConsoleConfig config) {
        this.config = config;
        List<ConsoleConfig> settings = ClustersFile.read(config);
        try {
            settings.forEach(cluster -> clusters.add(new ConnectedCluster(cluster, metrics, settings.size() > 1)));
        } catch (RuntimeException e) {
            clusters.forEach(ConnectedCluster::close);
            throw e;
        }
        Map<String, ClusterSampler> samplers = new LinkedHashMap<>();
        clusters.forEach(cluster -> samplers.put(cluster.name(), cluster.sampler()));
        metrics.register(new LagMetrics(samplers));
        if (clusters.size() > 1) {
            // Only a configured cluster's name: any other text in the path (a 404) would make a series of its own.
            metrics.labelRequests(CLUSTER_LABEL, ctx -> {
                String named = ctx.pathParamMap().get(ScopedRoutes.CLUSTER_PARAMETER);
                return named != null && samplers.containsKey(named) ? named : "";
            });
        }
        Routes clusterList = routes -> routes.get(ScopedRoutes.CLUSTERS,
            ctx -> ctx.json(clusters.stream().map(ConnectedCluster::summary).toList()));
        try {
            this.http = WebServer.create(config, List.of(new ApiDocument(), clusterList,
                new ScopedRoutes(clusters.stream().map(ConnectedCluster::scope).toList())), metrics);
        } catch (UsersFileException e) {
            close();
            throw new ConsoleStartException(e.getMessage(), e);
        }
    }

    /**
     * A console for {@code config}, not yet started. Creating it does not reach Kafka: Kafka's
     * clients connect lazily, and the pages say so while the cluster is out of reach.
     *
     * @throws ConsoleStartException if the users file or the clusters file cannot be read
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
        clusters.forEach(ConnectedCluster::start);
        log.info("Control Center at {}", url());
    }

    /** The names of the clusters shown, the first being the one the API's paths without a cluster answer for. */
    public List<String> clusters() {
        return clusters.stream().map(ConnectedCluster::name).toList();
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

    /** Stops serving and closes every cluster's Kafka and registry clients; calling it twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (http != null) {
            http.stop();
        }
        clusters.forEach(ConnectedCluster::close);
    }
}
