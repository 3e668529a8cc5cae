package io.tillstream.console.groups;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tillstream.console.ControlCenter;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.cluster.Snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consumer-group lag for Prometheus, from the sampler's latest sample (a scrape asks Kafka
 * nothing), under kafka_exporter's names: {@code kafka_consumergroup_lag} per group, topic and
 * partition, and {@code kafka_consumergroup_lag_sum} per group. A partition whose end offset the
 * sample lacks is left out rather than reported as a made-up lag. With several clusters each data
 * point has a {@code cluster} label too; one collector serves them all, since Prometheus takes each
 * metric name from one collector.
 */
public final class LagMetrics implements MultiCollector {

    static final String LAG = "kafka_consumergroup_lag";
    static final String LAG_SUM = "kafka_consumergroup_lag_sum";

    private final Map<String, ClusterSampler> samplers;

    /** @param samplers each cluster's sampler by the cluster's name, in the order to report them */
    public LagMetrics(Map<String, ClusterSampler> samplers) {
        this.samplers = new LinkedHashMap<>(samplers);
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name(LAG)
            .help("Messages a consumer group has not committed yet, per partition (end offset - committed offset)");
        GaugeSnapshot.Builder sum = GaugeSnapshot.builder().name(LAG_SUM).help("A consumer group's lag over all its partitions");
        samplers.forEach((cluster, sampler) -> {
            Labels clusterLabel = samplers.size() > 1 ? Labels.of(ControlCenter.CLUSTER_LABEL, cluster) : Labels.EMPTY;
            Snapshot snapshot = sampler.peek();
            Map<String, Long> sums = new TreeMap<>();
            if (snapshot != null) {
                snapshot.commits().forEach((commit, committed) -> {
                    long end = SampledLag.endOffset(snapshot, commit.partition());
                    if (end < 0) {
                        return;
                    }
                    long behind = Math.max(0, end - committed);
                    sums.merge(commit.group(), behind, Long::sum);
                    lag.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(clusterLabel.merge(Labels.of("consumergroup", commit.group(), "topic",
                            commit.partition().topic(), "partition", Integer.toString(commit.partition().partition()))))
                        .value(behind).build());
                });
            }
            sums.forEach((group, total) -> sum.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(clusterLabel.merge(Labels.of("consumergroup", group))).value(total).build()));
        });
        return MetricSnapshots.of(lag.build(), sum.build());
    }
}
