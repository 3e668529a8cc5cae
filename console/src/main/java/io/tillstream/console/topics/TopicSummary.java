package io.tillstream.console.topics;

import io.tillstream.console.cluster.Rates;
import io.tillstream.console.cluster.Snapshot;
import io.tillstream.console.cluster.TopicState;

/** A row of the Topics page. */
public record TopicSummary(String name, boolean internal, int partitions, int replicationFactor, long messages,
                           long sizeBytes, long underReplicated, long offline, Rates rates) {

    static TopicSummary of(TopicState topic, Snapshot snapshot) {
        return new TopicSummary(topic.name(), topic.internal(), topic.partitions().size(), topic.replicationFactor(),
            topic.messages(), topic.sizeBytes(), topic.underReplicated(), topic.offline(),
            snapshot.topicRates(topic.name()));
    }
}
