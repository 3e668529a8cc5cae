package io.tillstream.pipeline;

/**
 * The topics the pipeline reads and writes.
 *
 * @param source          Avro sales, as the generator writes them
 * @param deadLetters     records that could not be decoded or broke a sale's rules, as they were
 * @param enriched        valid sales with their derived fields
 * @param aggregatePrefix prefix of the compacted aggregate topics
 */
public record Topics(String source, String deadLetters, String enriched, String aggregatePrefix) {

    /** The compacted topic of one breakdown's totals, keyed by the group (a mall, a category, ...). */
    public String aggregate(Breakdown breakdown) {
        return aggregatePrefix + breakdown.topicSuffix();
    }

    /** The compacted topic of 1-minute totals per mall, keyed {@code <window start>/<mall>}. */
    public String perMinute() {
        return aggregatePrefix + "per_minute";
    }
}
