package io.tillstream.console.cluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The cluster's throughput over the charts' window, one point a sample, the oldest let go as new ones come. */
public final class ThroughputHistory {

    /** One point of the throughput charts. */
    public record Sample(long time, double bytesIn, double bytesOut, double messagesIn, double messagesOut) {

        static Sample of(long time, Rates rates) {
            return new Sample(time, rates.bytesIn(), rates.bytesOut(), rates.messagesIn(), rates.messagesOut());
        }
    }

    private final int maxSamples;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Keeps {@code windowMs} of samples taken every {@code intervalMs}. */
    ThroughputHistory(long intervalMs, long windowMs) {
        this.maxSamples = (int) Math.max(2, windowMs / intervalMs);
    }

    synchronized void record(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > maxSamples) {
            samples.removeFirst();
        }
    }

    /** The samples taken after {@code since} (epoch millis), oldest first. */
    synchronized List<Sample> since(long since) {
        return samples.stream().filter(s -> s.time() > since).toList();
    }
}
