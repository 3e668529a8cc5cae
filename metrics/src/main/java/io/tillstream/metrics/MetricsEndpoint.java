package io.tillstream.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One server's metrics: its own Micrometer registry (and collectors added to it, read at scrape
 * time), served at {@value #PATH} together with the process' JVM metrics. A server adds it to its
 * Javalin configuration once; that also times every request by route template and status.
 *
 * <pre>{@code
 * MetricsEndpoint metrics = new MetricsEndpoint();
 * Javalin.create(config -> metrics.addTo(config));
 * }</pre>
 */
public final class MetricsEndpoint {

    public static final String PATH = "/metrics";
    /** Micrometer's name for server requests: {@code http_server_requests_seconds} in Prometheus. */
    static final String REQUESTS = "http.server.requests";
    /** The route of a request no endpoint matched (a 404, or a static file): one series, whatever the path. */
    static final String UNMATCHED = "UNMATCHED";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile RequestLabel requestLabel;

    /** A label every request's timer carries, and how a request's value for it is read. */
    private record RequestLabel(String name, Function<Context, String> value) {
    }

    /** Where the server's own meters go. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Adds {@code collector}, read at each scrape: for figures that are sets which change (topics, groups). */
    public void register(MultiCollector collector) {
        registry.getPrometheusRegistry().register(collector);
    }

    /** Serves {@value #PATH} on {@code config}'s server and times its requests. */
    public void addTo(JavalinConfig config) {
        config.routes.get(PATH, this::serve);
        config.requestLogger.http((ctx, ms) -> record(ctx, ms));
    }

    /**
     * Labels every request's timer with {@code label} too, its value read from the request by {@code value}: for a
     * server that answers for several of something (the console's clusters). Call it before the server starts, and
     * let {@code value} answer only from a fixed set, not with any text a path may hold.
     */
    public void labelRequests(String label, Function<Context, String> value) {
        this.requestLabel = new RequestLabel(label, value);
    }

    /** Everything this endpoint serves, rendered in {@code format}. */
    public byte[] render(ExpositionFormat format) {
        List<MetricSnapshot> all = new ArrayList<>();
        registry.getPrometheusRegistry().scrape().forEach(all::add);
        JvmMetrics.registry().getPrometheusRegistry().scrape().forEach(all::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            format.write(out, new MetricSnapshots(all));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
        return out.toByteArray();
    }

    private void serve(Context ctx) {
        ExpositionFormat format = ExpositionFormat.forAccept(ctx.header("Accept"));
        ctx.contentType(format.contentType()).result(render(format));
    }

    private void record(Context ctx, Float ms) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        Timer.Builder timer = Timer.builder(REQUESTS);
        RequestLabel label = requestLabel;
        if (label != null) {
            timer.tag(label.name(), label.value().apply(ctx));
        }
        timer
            .tag("method", ctx.method().name())
            .tag("route", matched == null ? UNMATCHED : matched.path)
            .tag("status", Integer.toString(ctx.statusCode()))
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry)
            .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
    }
}
