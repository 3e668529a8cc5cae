package io.tillstream.console.cluster;

/**
 * Throughput per second between two samples. In is what the partition leaders' logs grew by;
 * out is what consumer groups committed, in bytes estimated from the topic's average record size,
 * since a cluster not running in this process tells no client what it sent.
 */
public record Rates(double bytesIn, double bytesOut, double messagesIn, double messagesOut) {

    public static final Rates ZERO = new Rates(0, 0, 0, 0);

    Rates plus(Rates other) {
        return new Rates(bytesIn + other.bytesIn, bytesOut + other.bytesOut, messagesIn + other.messagesIn,
            messagesOut + other.messagesOut);
    }
}
