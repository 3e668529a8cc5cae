package io.tillstream.cluster;

import com.yammer.metrics.core.Counter;
import com.yammer.metrics.core.Gauge;
import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.core.Meter;
import com.yammer.metrics.core.Metric;
import com.yammer.metrics.core.MetricName;
import com.yammer.metrics.core.MetricsRegistry;
import com.yammer.metrics.core.Timer;
import com.yammer.metrics.stats.Snapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of the Kafka nodes running in this JVM, read from Kafka's Yammer registry when
 * scraped (never over JMX): per-topic bytes and messages in and out, request rates and times,
 * under-replicated and offline partitions, ISR shrinks and expands, log sizes, controller state.
 * Names follow the Prometheus JMX exporter's usual Kafka rules, so dashboards and alerts written
 * for it read these: {@code kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=t}
 * becomes {@code kafka_server_brokertopicmetrics_messagesin_total{topic="t"}}; a meter's or
 * counter's count ends in {@code _total}, a {@code ...Ms} histogram is a summary in seconds, a log's
 * {@code Size} is in {@code _bytes}.
 *
 * <p>Kafka keeps one Yammer registry per JVM, so with several nodes in one process the per-topic
 * and request meters count every node's traffic and a gauge reports the node that registered it
 * first.
 */
public final class BrokerMetrics implements MultiCollector {

    private static final double[] QUANTILES = {0.5, 0.95, 0.99, 0.999};

    private final MetricsRegistry yammer;

    public BrokerMetrics() {
        this(KafkaYammerMetrics.defaultRegistry());
    }

    BrokerMetrics(MetricsRegistry yammer) {
        this.yammer = yammer;
    }

    /** What a Yammer metric becomes: its Prometheus name (without {@code _total}), kind and labels. */
    private record Series(String name, Kind kind, Labels labels) {
    }

    private enum Kind { COUNTER, GAUGE, SUMMARY }

    @Override
    public MetricSnapshots collect() {
        Map<String, Kind> kinds = new HashMap<>();
        Map<String, List<Object>> points = new LinkedHashMap<>();
        Map<String, String> help = new HashMap<>();
        for (Map.Entry<MetricName, Metric> entry : yammer.allMetrics().entrySet()) {
            Metric metric = entry.getValue();
            Kind kind = kind(metric);
            if (kind == null) {
                continue;
            }
            Series series = series(entry.getKey(), metric, kind);
            Object point = point(metric, series);
            // A name another kind of metric already took is left out rather than breaking the whole scrape.
            if (point == null || kinds.putIfAbsent(series.name(), kind) != null && kinds.get(series.name()) != kind) {
                continue;
            }
            points.computeIfAbsent(series.name(), n -> new ArrayList<>()).add(point);
            help.putIfAbsent(series.name(), entry.getKey().getGroup() + ":type=" + entry.getKey().getType()
                + ",name=" + entry.getKey().getName());
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        points.forEach((name, list) -> snapshots.add(snapshot(name, kinds.get(name), help.get(name), list)));
        return new MetricSnapshots(snapshots);
    }

    private static Kind kind(Metric metric) {
        if (metric instanceof Meter || metric instanceof Counter) {
            return Kind.COUNTER;
        }
        if (metric instanceof Gauge<?>) {
            return Kind.GAUGE;
        }
        if (metric instanceof Histogram || metric instanceof Timer) {
            return Kind.SUMMARY;
        }
        return null;
    }

    static Series series(MetricName yammerName, Metric metric, Kind kind) {
        String name = yammerName.getName();
        String unit = "";
        if (kind == Kind.COUNTER && name.endsWith("PerSec")) {
            name = name.substring(0, name.length() - "PerSec".length());
        } else if (kind == Kind.SUMMARY && (name.endsWith("Ms") || metric instanceof Timer)) {
            name = name.endsWith("Ms") ? name.substring(0, name.length() - 2) : name;
            unit = "_seconds";
        } else if (kind == Kind.GAUGE && name.equals("Size")) {
            unit = "_bytes";
        }
        String prometheusName = sanitize(yammerName.getGroup() + "_" + yammerName.getType() + "_" + name)
            .toLowerCase(Locale.ROOT) + unit;
        return new Series(prometheusName, kind, labels(yammerName.getMBeanName()));
    }

    /** The MBean name's keys other than {@code type} and {@code name}, e.g. {@code topic} and {@code partition}. */
    private static Labels labels(String mBeanName) {
        int colon = mBeanName.indexOf(':');
        if (colon < 0) {
            return Labels.EMPTY;
        }
        Labels.Builder labels = Labels.builder();
        for (String pair : mBeanName.substring(colon + 1).split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = pair.substring(0, equals);
            if (key.equals("type") || key.equals("name")) {
                continue;
            }
            String value = pair.substring(equals + 1);
            if (value.startsWith("\"")) {
                value = ObjectName.unquote(value);
            }
            labels.label(sanitize(key), value);
        }
        return labels.build();
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static Object point(Metric metric, Series series) {
        switch (series.kind()) {
            case COUNTER -> {
                long count = metric instanceof Meter meter ? meter.count() : ((Counter) metric).count();
                return CounterSnapshot.CounterDataPointSnapshot.builder().labels(series.labels()).value(count).build();
            }
            case GAUGE -> {
                Object value;
                try {
                    value = ((Gauge<?>) metric).value();
                } catch (RuntimeException e) {
                    // A gauge of a partition or log being removed can throw while it goes; skip it this time.
                    return null;
                }
                if (!(value instanceof Number number)) {
                    return null;
                }
                return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(series.labels()).value(number.doubleValue()).build();
            }
            default -> {
                double scale = series.name().endsWith("_seconds") ? 1e-3 : 1;
                Timer timer = metric instanceof Timer t ? t : null;
                Histogram histogram = timer == null ? (Histogram) metric : null;
                long count = timer != null ? timer.count() : histogram.count();
                if (count == 0) {
                    // Kafka registers every request type's histograms up front; most never see a request. Leaving
                    // them out until they do halves a scrape's size and time (each snapshot sorts a reservoir).
                    return null;
                }
                double sum = timer != null ? timer.sum() : histogram.sum();
                Snapshot snapshot = timer != null ? timer.getSnapshot() : histogram.getSnapshot();
                Quantiles.Builder quantiles = Quantiles.builder();
                for (double q : QUANTILES) {
                    quantiles.quantile(new Quantile(q, snapshot.getValue(q) * scale));
                }
                return SummarySnapshot.SummaryDataPointSnapshot.builder().labels(series.labels()).count(count)
                    .sum(sum * scale).quantiles(quantiles.build()).build();
            }
        }
    }

    private static MetricSnapshot snapshot(String name, Kind kind, String help, List<Object> points) {
        return switch (kind) {
            case COUNTER -> {
                CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
                points.forEach(p -> builder.dataPoint((CounterSnapshot.CounterDataPointSnapshot) p));
                yield builder.build();
            }
            case GAUGE -> {
                GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
                points.forEach(p -> builder.dataPoint((GaugeSnapshot.GaugeDataPointSnapshot) p));
                yield builder.build();
            }
            case SUMMARY -> {
                SummarySnapshot.Builder builder = SummarySnapshot.builder().name(name).help(help);
                points.forEach(p -> builder.dataPoint((SummarySnapshot.SummaryDataPointSnapshot) p));
                yield builder.build();
            }
        };
    }
}
