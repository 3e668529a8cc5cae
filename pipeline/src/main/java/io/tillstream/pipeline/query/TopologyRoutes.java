package io.tillstream.pipeline.query;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /api/v1/topology}: the pipeline's Kafka Streams topology as a {@link TopologyGraph}, with
 * the records per second of every instance added up (each counts the tasks it runs); with
 * {@code local=true}, this instance's rates only.
 */
final class TopologyRoutes {

    static final String TOPOLOGY = "/api/v1/topology";

    private final Supplier<Running> running;

    /** What the graph is read from once Kafka Streams exists. */
    record Running(KafkaStreams streams, TopologyDescription description, ClusterQueries cluster, NodeRates rates) {

        TopologyGraph local() {
            NodeRates.Rates now = rates.sample(streams.metrics(), System.currentTimeMillis());
            return TopologyGraph.of(description, now.perSecond(), now.measured());
        }
    }

    TopologyRoutes(Supplier<Running> running) {
        this.running = running;
    }

    void addTo(RoutesConfig routes) {
        routes.get(TOPOLOGY, this::topology);
    }

    private void topology(Context ctx) {
        Running current = running.get();
        if (ClusterQueries.isLocal(ctx)) {
            Json.respond(ctx, current.local());
            return;
        }
        List<TopologyGraph> parts = current.cluster().fromEveryClient(TOPOLOGY, ctx.header("Authorization"), current::local,
            TopologyGraph.class);
        Json.respond(ctx, TopologyGraph.sum(current.description(), parts));
    }
}
