package io.tillstream.pipeline.query;

import org.apache.kafka.streams.TopologyDescription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kafka Streams topology as a graph a page can draw: {@link TopologyDescription}'s sources,
 * processors and sinks, with its stores as nodes of their own, and each node's records per second
 * where Kafka Streams measures them ({@link NodeRates}).
 *
 * <p>Kafka Streams 4.x counts records per node only at sources (records consumed from their topics)
 * and sinks (records produced), at the INFO recording level. A processor has no count at any level,
 * so its rate is given only where it follows from a count: a processor whose parents are all sources
 * receives every record they consumed. Any other processor, and every store, has no rate
 * ({@code null}), never a guess.
 *
 * @param nodes    every node, sub-topology by sub-topology, each in the description's order
 * @param edges    records flowing ({@value #STREAM}), a processor's access to a store ({@value #STORE}), and a
 *                 sink writing the topic a source of another sub-topology reads ({@value #TOPIC})
 * @param measured false until two samples of the metrics lie far enough apart to give a rate
 */
public record TopologyGraph(List<Node> nodes, List<Edge> edges, boolean measured) {

    public static final String SOURCE = "source";
    public static final String PROCESSOR = "processor";
    public static final String SINK = "sink";
    public static final String STORE = "store";
    public static final String STREAM = "stream";
    public static final String TOPIC = "topic";
    /** Rate bases: where a node's records per second come from. */
    public static final String CONSUMED = "records consumed";
    public static final String PRODUCED = "records produced";
    public static final String FROM_SOURCES = "records its sources consumed";

    /** Stores share the name space of nodes in the graph only through this prefix; in Streams they have their own. */
    private static final String STORE_ID_PREFIX = "store:";

    /**
     * @param id                unique in the graph: the processor's name, or {@code store:} and the store's name
     * @param subtopology       the sub-topology's id
     * @param topics            a source's topics or a sink's topic; empty otherwise
     * @param topicPattern      a source's topic pattern, when it reads by pattern
     * @param stores            the stores a processor uses
     * @param recordsPerSecond  null when Kafka Streams measures nothing that gives it
     * @param rateBasis         what the rate is computed from ({@value #CONSUMED}, ...); null without a rate
     */
    public record Node(String id, String name, String kind, int subtopology, List<String> topics, String topicPattern,
                       List<String> stores, Double recordsPerSecond, String rateBasis) {
    }

    public record Edge(String from, String to, String kind) {
    }

    /** The graph of {@code description} with rates from {@code measured} (node name to records per second, sources and sinks). */
    public static TopologyGraph of(TopologyDescription description, Map<String, Double> measured, boolean ready) {
        List<Node> nodes = new ArrayList<>();
        Set<Edge> edges = new LinkedHashSet<>();
        Map<String, List<String>> readers = new LinkedHashMap<>();
        List<TopologyDescription.Subtopology> subtopologies = description.subtopologies().stream()
            .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id)).toList();
        for (TopologyDescription.Subtopology subtopology : subtopologies) {
            Set<String> stores = new TreeSet<>();
            for (TopologyDescription.Node node : ordered(subtopology)) {
                nodes.add(node(node, subtopology.id(), measured));
                for (TopologyDescription.Node successor : node.successors()) {
                    edges.add(new Edge(node.name(), successor.name(), STREAM));
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    for (String store : processor.stores()) {
                        stores.add(store);
                        edges.add(new Edge(node.name(), STORE_ID_PREFIX + store, STORE));
                    }
                }
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().forEach(topic -> readers.computeIfAbsent(topic, t -> new ArrayList<>()).add(node.name()));
                }
            }
            for (String store : stores) {
                nodes.add(new Node(STORE_ID_PREFIX + store, store, STORE, subtopology.id(), List.of(), null, List.of(), null, null));
            }
        }
        for (TopologyDescription.Subtopology subtopology : subtopologies) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    readers.getOrDefault(sink.topic(), List.of()).forEach(reader -> edges.add(new Edge(node.name(), reader, TOPIC)));
                }
            }
        }
        return new TopologyGraph(List.copyOf(nodes), List.copyOf(edges), ready);
    }

    /**
     * The graph of {@code description} with the rates of {@code parts} (one per instance, each counting
     * the tasks it runs) added up; without rates until every part has them, since an instance still
     * measuring would make the sums too small.
     */
    public static TopologyGraph sum(TopologyDescription description, List<TopologyGraph> parts) {
        Map<String, Double> measured = new HashMap<>();
        for (TopologyGraph part : parts) {
            if (!part.measured()) {
                return of(description, Map.of(), false);
            }
            for (Node node : part.nodes()) {
                if (node.recordsPerSecond() != null && !node.kind().equals(PROCESSOR)) {
                    measured.merge(node.id(), node.recordsPerSecond(), Double::sum);
                }
            }
        }
        return of(description, measured, true);
    }

    private static Node node(TopologyDescription.Node node, int subtopology, Map<String, Double> measured) {
        if (node instanceof TopologyDescription.Source source) {
            List<String> topics = source.topicSet() == null ? List.of() : List.copyOf(new TreeSet<>(source.topicSet()));
            String pattern = source.topicPattern() == null ? null : source.topicPattern().pattern();
            Double rate = measured.get(node.name());
            return new Node(node.name(), node.name(), SOURCE, subtopology, topics, pattern, List.of(), rate, rate == null ? null : CONSUMED);
        }
        if (node instanceof TopologyDescription.Sink sink) {
            List<String> topics = sink.topic() == null ? List.of() : List.of(sink.topic());
            Double rate = measured.get(node.name());
            return new Node(node.name(), node.name(), SINK, subtopology, topics, null, List.of(), rate, rate == null ? null : PRODUCED);
        }
        List<String> stores = node instanceof TopologyDescription.Processor processor
            ? List.copyOf(new TreeSet<>(processor.stores())) : List.of();
        Double rate = fromSources(node, measured);
        return new Node(node.name(), node.name(), PROCESSOR, subtopology, List.of(), null, stores, rate,
            rate == null ? null : FROM_SOURCES);
    }

    /** The sum of the parents' consumed rates when every parent is a measured source; else null. */
    private static Double fromSources(TopologyDescription.Node node, Map<String, Double> measured) {
        if (node.predecessors().isEmpty()) {
            return null;
        }
        double sum = 0;
        for (TopologyDescription.Node parent : node.predecessors()) {
            Double rate = measured.get(parent.name());
            if (!(parent instanceof TopologyDescription.Source) || rate == null) {
                return null;
            }
            sum += rate;
        }
        return sum;
    }

    /**
     * A sub-topology's nodes from its sources down (breadth first, children by name), so a reader of
     * the JSON sees them in the order records pass; the description's own sets have no such order.
     */
    private static List<TopologyDescription.Node> ordered(TopologyDescription.Subtopology subtopology) {
        Comparator<TopologyDescription.Node> byName = Comparator.comparing(TopologyDescription.Node::name);
        List<TopologyDescription.Node> order = new ArrayList<>(subtopology.nodes().stream()
            .filter(node -> node.predecessors().isEmpty()).sorted(byName).toList());
        Set<String> seen = new LinkedHashSet<>();
        order.forEach(node -> seen.add(node.name()));
        for (int i = 0; i < order.size(); i++) {
            for (TopologyDescription.Node child : order.get(i).successors().stream().sorted(byName).toList()) {
                if (seen.add(child.name())) {
                    order.add(child);
                }
            }
        }
        subtopology.nodes().stream().sorted(byName).filter(node -> seen.add(node.name())).forEach(order::add);
        return order;
    }
}
