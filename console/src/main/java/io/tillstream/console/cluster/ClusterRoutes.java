package io.tillstream.console.cluster;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.Errors;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;

import java.util.List;

/** {@code /cluster}: the Overview page's brokers, health and throughput. */
public final class ClusterRoutes implements Routes {

    /** The Overview's numbers; {@code failure} says why they may be stale, null when they are fresh. */
    public record Overview(String clusterId, String metadataVersion, long sampledAt, String failure,
                           List<Broker> brokers, int topics, int partitions, long underReplicated,
                           long offline, Rates rates) {
    }

    public record Throughput(long intervalMs, List<ThroughputHistory.Sample> samples) {
    }

    private final ClusterSampler sampler;

    public ClusterRoutes(ClusterSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/cluster", this::overview);
        routes.get(WebServer.API + "/cluster/throughput", this::throughput);
    }

    private void overview(Context ctx) {
        Snapshot s = sampler.latest();
        ctx.json(new Overview(s.clusterId(), s.metadataVersion(), s.time(), failure(), s.brokers(),
            s.topics().size(), s.topics().values().stream().mapToInt(t -> t.partitions().size()).sum(),
            s.topics().values().stream().mapToLong(TopicState::underReplicated).sum(),
            s.topics().values().stream().mapToLong(TopicState::offline).sum(), s.rates()));
    }

    /** Why the last sample failed, in the user's words; null when it did not. */
    private String failure() {
        RuntimeException failure = sampler.failure();
        if (failure == null) {
            return null;
        }
        ConsoleException known = Errors.translate(failure);
        return known != null ? known.getMessage() : "Sampling the cluster failed: " + failure;
    }

    private void throughput(Context ctx) {
        Long since = Bodies.queryLong(ctx, "since", 0, Long.MAX_VALUE);
        ctx.json(new Throughput(sampler.intervalMs(), sampler.history(since == null ? 0 : since)));
    }
}
