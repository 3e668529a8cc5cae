package io.tillstream.pipeline.query;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.pipeline.topology.LatencyHistogram;
import io.tillstream.security.AccessFilter;
import io.tillstream.security.HostCheck;
import io.tillstream.security.HttpAccess;
import io.tillstream.security.Https;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP query API. It listens before Kafka Streams starts (Streams must be told the port, as
 * {@code application.server}), answering 503 until {@link #serve} hands it the running client.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    private final Javalin javalin;
    private final String scheme;
    private final Optional<SSLContext> peerTls;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile SalesRoutes.Queries queries;
    private volatile TopologyRoutes.Running topology;

    /** The instance's health: its Kafka Streams state, and the instances of its application. */
    public record Health(String state, String instance, List<String> instances, long droppedRecords) {
    }

    private HttpApi(String host, int port, LatencyHistogram latency, MetricsEndpoint metrics, HttpAccess access, Https https,
                    Optional<SSLContext> peerTls) {
        this.peerTls = peerTls;
        this.scheme = https == null ? "http" : "https";
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            if (https != null) {
                https.apply(config, host, port);
            }
            if (access != null) {
                config.routes.before(new AccessFilter(access, "Tillstream sales pipeline", AccessFilter::unsafeMethod,
                    HttpResponseException::new));
            } else {
                config.routes.before(new HostCheck(List.of(host), HttpResponseException::new));
            }
            config.routes.get("/health", this::health);
            metrics.addTo(config);
            config.routes.get("/api/v1/metrics/latency", ctx -> Json.respond(ctx, latency.snapshot()));
            config.routes.delete("/api/v1/metrics/latency", ctx -> {
                latency.reset();
                ctx.status(204);
            });
            new SalesRoutes(this::queries).addTo(config.routes);
            new TopologyRoutes(this::topology).addTo(config.routes);
            mapErrors(config);
        });
    }

    /**
     * An API on {@code host:port} (0 picks a free port) serving {@code metrics} too, not yet listening; with {@code access}, every
     * request signs in and only admins may DELETE; null leaves it open. With {@code https} it serves
     * https only and asks the other instances over https, trusting {@code peerTls} (empty: the JVM's own).
     */
    public static HttpApi create(String host, int port, LatencyHistogram latency, MetricsEndpoint metrics, HttpAccess access, Https https,
                                 Optional<SSLContext> peerTls) {
        return new HttpApi(host, port, latency, metrics, access, https, peerTls);
    }

    public void start() {
        javalin.start();
    }

    public int port() {
        return javalin.port();
    }

    /** http or https. */
    public String scheme() {
        return scheme;
    }

    /** Starts answering from {@code streams}, which runs {@code topology} and knows this instance as {@code self}. */
    public void serve(KafkaStreams streams, TopologyDescription topology, HostInfo self) {
        this.self = self;
        ClusterQueries cluster = new ClusterQueries(streams, self, scheme, peerTls);
        this.queries = new SalesRoutes.Queries(new LocalQueries(streams), cluster);
        this.topology = new TopologyRoutes.Running(streams, topology, cluster, new NodeRates());
        this.streams = streams;
    }

    private SalesRoutes.Queries queries() {
        SalesRoutes.Queries current = queries;
        if (current == null) {
            throw new QueryUnavailableException("Kafka Streams is not started yet; retry");
        }
        return current;
    }

    private TopologyRoutes.Running topology() {
        TopologyRoutes.Running current = topology;
        if (current == null) {
            throw new QueryUnavailableException("Kafka Streams is not started yet; retry");
        }
        return current;
    }

    private void health(Context ctx) {
        KafkaStreams current = streams;
        if (current == null) {
            ctx.status(503);
            Json.respond(ctx, new Health("STARTING", null, List.of(), 0));
            return;
        }
        KafkaStreams.State state = current.state();
        List<String> instances = state.isRunningOrRebalancing()
            ? current.metadataForAllStreamsClients().stream().map(m -> m.host() + ":" + m.port()).sorted().toList()
            : List.of();
        ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503);
        Json.respond(ctx, new Health(state.name(), self.host() + ":" + self.port(), instances, droppedRecords(current)));
    }

    /** Records Kafka Streams skipped, e.g. sales later than their window's grace period. */
    private static long droppedRecords(KafkaStreams streams) {
        return (long) streams.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
            .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
            .sum();
    }

    private static void mapErrors(JavalinConfig config) {
        config.routes.exception(QueryUnavailableException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        config.routes.exception(InvalidStateStoreException.class, (e, ctx) ->
            error(ctx, 503, "state stores are moving between instances (" + e.getMessage() + "); retry"));
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getMessage());
        });
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        Json.respond(ctx, Map.of("error", message == null ? "" : message));
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
