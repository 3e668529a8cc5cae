package io.tillstream.console.groups;

import io.tillstream.console.cluster.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Each group's total lag at every cluster sample of the last window, for the lag chart. Fed by the
 * sampler, so it asks Kafka nothing; a group is forgotten at the first sample without its commits.
 * Two arrays of longs a group keep it small with hundreds of groups.
 */
public final class LagHistory implements Consumer<Snapshot> {

    private final long windowMs;
    private final int capacity;
    private final Map<String, Ring> rings = new HashMap<>();

    public LagHistory(long intervalMs, long windowMs) {
        this.windowMs = windowMs;
        this.capacity = (int) Math.max(2, windowMs / intervalMs);
    }

    @Override
    public synchronized void accept(Snapshot snapshot) {
        Map<String, SampledLag> lags = SampledLag.byGroup(snapshot);
        rings.keySet().retainAll(lags.keySet());
        lags.forEach((group, lag) -> rings.computeIfAbsent(group, g -> new Ring(capacity)).add(snapshot.time(), lag.totalLag()));
    }

    /** {@code group}'s points after {@code since} (epoch millis) and within the window, oldest first. */
    public synchronized List<LagPoint> since(String group, long since) {
        Ring ring = rings.get(group);
        return ring == null ? List.of() : ring.after(Math.max(since, System.currentTimeMillis() - windowMs));
    }

    /** The groups the last sample had commits of. */
    public synchronized Set<String> groups() {
        return new TreeSet<>(rings.keySet());
    }

    /** The newest {@code times.length} points, overwriting the oldest. */
    private static final class Ring {
        private final long[] times;
        private final long[] lags;
        private int next;
        private int size;

        Ring(int capacity) {
            times = new long[capacity];
            lags = new long[capacity];
        }

        void add(long time, long lag) {
            times[next] = time;
            lags[next] = lag;
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
        }

        List<LagPoint> after(long since) {
            List<LagPoint> points = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int at = (next - size + i + times.length) % times.length;
                if (times[at] > since) {
                    points.add(new LagPoint(times[at], lags[at]));
                }
            }
            return points;
        }
    }
}
