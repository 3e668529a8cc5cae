package io.tillstream.console.alerts;

import io.tillstream.console.cluster.PartitionState;
import io.tillstream.console.cluster.Snapshot;
import io.tillstream.console.cluster.TopicState;
import io.tillstream.console.groups.LagHistory;
import io.tillstream.console.groups.LagPoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The console's own evaluation of two of the Prometheus rules in {@code docs/monitoring/alerts.yml},
 * from the sampler's samples, so the banners show without a Prometheus: a group's lag has kept
 * growing for the whole window ({@code deriv(kafka_consumergroup_lag_sum[1m]) > 0} for it), and a
 * dead-letter topic took new records within the window. Must be fed after the {@link LagHistory}.
 */
public final class Alerts implements Consumer<Snapshot> {

    /** The rules' names, as in {@code alerts.yml}. */
    static final String LAG_GROWING = "ConsumerGroupLagGrowing";
    static final String DEAD_LETTERS = "DeadLettersRising";
    /** The range of the rule's {@code deriv}: the lag's slope is taken over this much of its history. */
    static final long SLOPE_WINDOW_MS = 60_000;

    /** A firing alert: the rule, what it is about (group or topic), a sentence for people, and since when (epoch ms). */
    public record Alert(String name, String subject, String message, long since) {
    }

    private final LagHistory lag;
    private final long windowMs;
    private final Set<String> deadLetterTopics;
    private final Map<String, Long> growingSince = new HashMap<>();
    private final Map<String, DeadLetterEnd> deadLetterEnds = new HashMap<>();
    private volatile List<Alert> firing = List.of();

    private record DeadLetterEnd(long records, long lastIncrease) {
    }

    public Alerts(LagHistory lag, long windowMs, Set<String> deadLetterTopics) {
        this.lag = lag;
        this.windowMs = windowMs;
        this.deadLetterTopics = Set.copyOf(deadLetterTopics);
    }

    /** The alerts firing as of the latest sample. */
    public List<Alert> firing() {
        return firing;
    }

    @Override
    public synchronized void accept(Snapshot snapshot) {
        long now = snapshot.time();
        List<Alert> alerts = new ArrayList<>();
        Set<String> groups = lag.groups();
        growingSince.keySet().retainAll(groups);
        for (String group : groups) {
            List<LagPoint> points = lag.since(group, now - SLOPE_WINDOW_MS);
            if (slope(points) > 0) {
                long since = growingSince.computeIfAbsent(group, g -> now);
                if (now - since >= windowMs) {
                    alerts.add(new Alert(LAG_GROWING, group, "Consumer group " + group + " is falling behind: its lag has "
                        + "grown for " + minutes(now - since) + " and is " + points.get(points.size() - 1).lag()
                        + " messages.", since));
                }
            } else {
                growingSince.remove(group);
            }
        }
        for (String topic : deadLetterTopics) {
            TopicState state = snapshot.topics().get(topic);
            if (state == null) {
                deadLetterEnds.remove(topic);
                continue;
            }
            long records = state.partitions().stream().mapToLong(PartitionState::endOffset).filter(end -> end >= 0).sum();
            DeadLetterEnd before = deadLetterEnds.get(topic);
            long lastIncrease = before == null ? Long.MIN_VALUE
                : records > before.records() ? now : before.lastIncrease();
            deadLetterEnds.put(topic, new DeadLetterEnd(records, lastIncrease));
            if (lastIncrease != Long.MIN_VALUE && now - lastIncrease < windowMs) {
                alerts.add(new Alert(DEAD_LETTERS, topic, "Records are going to the dead-letter topic " + topic
                    + ": the last within the past " + minutes(windowMs) + "; their headers say why.", lastIncrease));
            }
        }
        alerts.sort(Comparator.comparingLong(Alert::since));
        firing = List.copyOf(alerts);
    }

    /** The least-squares slope of lag over time, in messages a millisecond; 0 with fewer than two points. */
    static double slope(List<LagPoint> points) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double meanTime = points.stream().mapToLong(LagPoint::time).average().orElse(0);
        double meanLag = points.stream().mapToLong(LagPoint::lag).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (LagPoint p : points) {
            covariance += (p.time() - meanTime) * (p.lag() - meanLag);
            variance += (p.time() - meanTime) * (p.time() - meanTime);
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    private static String minutes(long ms) {
        Duration d = Duration.ofMillis(ms);
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
