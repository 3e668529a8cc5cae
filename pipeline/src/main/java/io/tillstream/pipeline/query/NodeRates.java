package io.tillstream.pipeline.query;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Records per second of each source and sink node of this instance, from the totals Kafka Streams
 * keeps at the INFO recording level ({@code stream-topic-metrics}: {@value #CONSUMED} per source,
 * {@value #PRODUCED} per sink, one per task and topic). They are totals only, so a rate is the
 * difference between two samples over the time between them. Samples are taken when asked, at most
 * one a second ({@link #MIN_INTERVAL_MS}), and a rate spans the last {@link #WINDOW_MS} of them:
 * Streams counts a whole fetched batch at once, so one second alone swings with the batches, and an
 * average over minutes nobody looked would not be live.
 */
public final class NodeRates {

    static final String GROUP = "stream-topic-metrics";
    static final String CONSUMED = "records-consumed-total";
    static final String PRODUCED = "records-produced-total";
    static final String NODE_TAG = "processor-node-id";
    static final long MIN_INTERVAL_MS = 1_000;
    static final long WINDOW_MS = 5_000;

    /** Rates by node name; {@code measured} is false until a first interval has passed. */
    public record Rates(Map<String, Double> perSecond, boolean measured) {
    }

    private record Sample(long atMs, Map<String, Double> totals) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private Rates rates = new Rates(Map.of(), false);

    /** The rates as of {@code nowMs}, from {@code metrics} (Kafka Streams' {@code metrics()}). */
    public synchronized Rates sample(Map<MetricName, ? extends Metric> metrics, long nowMs) {
        if (!samples.isEmpty() && nowMs - samples.peekLast().atMs < MIN_INTERVAL_MS) {
            return rates;
        }
        while (!samples.isEmpty() && nowMs - samples.peekFirst().atMs > WINDOW_MS) {
            samples.removeFirst();
        }
        Sample now = new Sample(nowMs, totals(metrics));
        Sample base = samples.peekFirst();
        if (base == null) {
            rates = new Rates(Map.of(), false);
        } else {
            Map<String, Double> perSecond = new HashMap<>();
            double seconds = (nowMs - base.atMs) / 1000.0;
            now.totals.forEach((node, total) ->
                // A task that moved away takes its totals along: a negative difference is no rate, it is a rebalance.
                perSecond.put(node, Math.max(0, total - base.totals.getOrDefault(node, 0.0)) / seconds));
            rates = new Rates(Map.copyOf(perSecond), true);
        }
        samples.addLast(now);
        return rates;
    }
    /** Each source's records consumed and each sink's records produced, summed over tasks and topics. */
    static Map<String, Double> totals(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> totals = new HashMap<>();
        metrics.forEach((name, metric) -> {
            if (name.group().equals(GROUP) && (name.name().equals(CONSUMED) || name.name().equals(PRODUCED))
                && name.tags().containsKey(NODE_TAG) && metric.metricValue() instanceof Number value) {
                totals.merge(name.tags().get(NODE_TAG), value.doubleValue(), Double::sum);
            }
        });
        return totals;
    }
}
