package io.tillstream.console.cluster;

import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;

/**
 * What one sample saw of the cluster, with the rates since the sample before it (zero for the first).
 * {@code commits} holds each consumer group's committed offset per partition, to derive the out rates.
 */
public record Snapshot(long time, String clusterId, String metadataVersion, List<Broker> brokers,
                       Map<String, TopicState> topics, Map<Commit, Long> commits,
                       Rates rates, Map<String, Rates> topicRates) {

    /** A consumer group's position in one partition. */
    public record Commit(String group, TopicPartition partition) {
    }

    public Rates topicRates(String topic) {
        return topicRates.getOrDefault(topic, Rates.ZERO);
    }
}
