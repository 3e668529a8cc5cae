package io.tillstream.console.topics;

import io.tillstream.console.cluster.PartitionState;

import java.util.List;

/**
 * The Topic page: its summary, partitions and every config with where its value comes from;
 * {@code configs} is null when the request left them out.
 */
public record TopicDetail(TopicSummary summary, List<PartitionState> partitions, List<ConfigValue> configs) {

    /**
     * One topic config. {@code source} is Kafka's (DYNAMIC_TOPIC_CONFIG for a value set on the topic,
     * DEFAULT_CONFIG and the broker ones for inherited values).
     */
    public record ConfigValue(String name, String value, String source, boolean isDefault, boolean readOnly,
                              boolean sensitive, String documentation) {
    }
}
