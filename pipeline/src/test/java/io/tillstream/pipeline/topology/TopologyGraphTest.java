package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.query.NodeRates;
import io.tillstream.pipeline.query.TopologyGraph;
import io.tillstream.pipeline.query.TopologyGraph.Edge;
import io.tillstream.pipeline.query.TopologyGraph.Node;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopologyGraphTest {

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.start();

    @Test
    void everyNodeOfTheDescriptionIsInTheGraphOnceWithItsTopicsAndStores() {
        TopologyDescription description = topology.description();
        TopologyGraph graph = TopologyGraph.of(description, Map.of(), false);
        Map<String, Node> nodes = byId(graph);

        Set<String> described = description.subtopologies().stream().flatMap(s -> s.nodes().stream())
            .map(TopologyDescription.Node::name).collect(Collectors.toSet());
        assertThat(graph.nodes()).filteredOn(node -> !node.kind().equals(TopologyGraph.STORE))
            .extracting(Node::id).containsExactlyInAnyOrderElementsOf(described);
        assertThat(nodes.get("sales").kind()).isEqualTo(TopologyGraph.SOURCE);
        assertThat(nodes.get("sales").topics()).containsExactly(topology.topics.source());
        assertThat(nodes.get("validate").stores()).containsExactly(SalesTopology.DEAD_LETTER_STORE);
        assertThat(nodes.get("sum-partition").stores()).containsExactlyInAnyOrder(SalesTopology.TOTALS_STORE,
            SalesTopology.PER_MINUTE_STORE);
        assertThat(nodes.get("dead-letters").kind()).isEqualTo(TopologyGraph.SINK);
        assertThat(nodes.get("dead-letters").topics()).containsExactly(topology.topics.deadLetters());
        assertThat(nodes.get("sales-enriched").topics()).containsExactly(topology.topics.enriched());
        assertThat(nodes.get("store:" + SalesTopology.TOTALS_STORE).kind()).isEqualTo(TopologyGraph.STORE);
        assertThat(nodes.get("store:" + SalesTopology.TOTALS_STORE).subtopology())
            .isEqualTo(nodes.get("sum-partition").subtopology());
        assertThat(nodes.get("merge-partitions").subtopology()).isNotEqualTo(nodes.get("sum-partition").subtopology());
        assertThat(graph.nodes()).allSatisfy(node -> assertThat(node.recordsPerSecond()).isNull());
    }

    @Test
    void edgesFollowTheRecordsTheStoresAndTheRepartitionTopicBetweenSubtopologies() {
        TopologyGraph graph = TopologyGraph.of(topology.description(), Map.of(), false);
        Map<String, Node> nodes = byId(graph);

        assertThat(graph.edges()).contains(new Edge("sales", "validate", TopologyGraph.STREAM),
            new Edge("validate", "store:" + SalesTopology.DEAD_LETTER_STORE, TopologyGraph.STORE),
            new Edge("merge-partitions", "store:" + SalesTopology.MERGED_STORE, TopologyGraph.STORE));
        assertThat(graph.edges()).allSatisfy(edge -> assertThat(nodes).containsKeys(edge.from(), edge.to()));
        Edge crossing = graph.edges().stream().filter(edge -> edge.kind().equals(TopologyGraph.TOPIC)).findFirst().orElseThrow();
        assertThat(nodes.get(crossing.from()).kind()).isEqualTo(TopologyGraph.SINK);
        assertThat(nodes.get(crossing.to()).kind()).isEqualTo(TopologyGraph.SOURCE);
        assertThat(nodes.get(crossing.to()).topics()).isEqualTo(nodes.get(crossing.from()).topics());
        assertThat(nodes.get(crossing.to()).subtopology()).isEqualTo(nodes.get("merge-partitions").subtopology());
    }

    @Test
    void sourcesAndSinksGetTheRatesKafkaStreamsCountsAndOnlyProcessorsFedBySourcesGetOne() {
        NodeRates rates = new NodeRates();
        long start = 1_000_000;
        assertThat(rates.sample(topology.metrics(), start).measured()).isFalse();
        for (int i = 0; i < 8; i++) {
            topology.send(Sales.sale().setInvoiceNo("I10000" + i).build());
        }
        topology.send("I100009".getBytes(StandardCharsets.UTF_8), "not a sale".getBytes(StandardCharsets.UTF_8),
            new RecordHeaders(), TopologyHarness.START);
        topology.send("I100010".getBytes(StandardCharsets.UTF_8), "nor this".getBytes(StandardCharsets.UTF_8),
            new RecordHeaders(), TopologyHarness.START);

        NodeRates.Rates measured = rates.sample(topology.metrics(), start + 2_000);
        TopologyGraph graph = TopologyGraph.of(topology.description(), measured.perSecond(), measured.measured());
        Map<String, Node> nodes = byId(graph);

        assertThat(graph.measured()).isTrue();
        assertThat(nodes.get("sales").recordsPerSecond()).isCloseTo(5.0, within(1e-9));
        assertThat(nodes.get("sales").rateBasis()).isEqualTo(TopologyGraph.CONSUMED);
        assertThat(nodes.get("validate").recordsPerSecond()).isCloseTo(5.0, within(1e-9));
        assertThat(nodes.get("validate").rateBasis()).isEqualTo(TopologyGraph.FROM_SOURCES);
        assertThat(nodes.get("sales-enriched").recordsPerSecond()).isCloseTo(4.0, within(1e-9));
        assertThat(nodes.get("sales-enriched").rateBasis()).isEqualTo(TopologyGraph.PRODUCED);
        assertThat(nodes.get("dead-letters").recordsPerSecond()).isCloseTo(1.0, within(1e-9));
        assertThat(nodes.get("sum-partition").recordsPerSecond()).as("no Kafka Streams metric counts it").isNull();
        assertThat(nodes.get("store:" + SalesTopology.TOTALS_STORE).recordsPerSecond()).isNull();

        assertThat(rates.sample(topology.metrics(), start + 2_500)).as("too soon for a new interval").isEqualTo(measured);
        assertThat(rates.sample(topology.metrics(), start + 4_000).perSecond().get("sales"))
            .as("10 records over the 4 s since the first sample, not the quiet last 2 s alone").isCloseTo(2.5, within(1e-9));
        assertThat(rates.sample(topology.metrics(), start + 60_000).measured())
            .as("an interval of a minute is no live rate").isFalse();
    }

    @Test
    void theInstancesRatesAddUpOnceEveryInstanceHasMeasuredAnInterval() {
        TopologyDescription description = topology.description();
        TopologyGraph one = TopologyGraph.of(description, Map.of("sales", 3.0, "sales-enriched", 2.5), true);
        TopologyGraph two = TopologyGraph.of(description, Map.of("sales", 2.0, "sales-enriched", 2.0, "dead-letters", 0.5), true);

        Map<String, Node> summed = byId(TopologyGraph.sum(description, List.of(one, two)));

        assertThat(summed.get("sales").recordsPerSecond()).isEqualTo(5.0);
        assertThat(summed.get("validate").recordsPerSecond()).isEqualTo(5.0);
        assertThat(summed.get("sales-enriched").recordsPerSecond()).isEqualTo(4.5);
        assertThat(summed.get("dead-letters").recordsPerSecond()).isEqualTo(0.5);
        TopologyGraph measuring = TopologyGraph.of(description, Map.of(), false);
        TopologyGraph partial = TopologyGraph.sum(description, List.of(one, measuring));
        assertThat(partial.measured()).isFalse();
        assertThat(partial.nodes()).allSatisfy(node -> assertThat(node.recordsPerSecond()).isNull());
    }

    private static Map<String, Node> byId(TopologyGraph graph) {
        return graph.nodes().stream().collect(Collectors.toMap(Node::id, Function.identity()));
    }
}
