package io.tillstream.console.groups;

import io.tillstream.console.cluster.Snapshot;
import io.tillstream.console.cluster.TopicState;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A group's topics and total lag as one cluster sample saw them: its commits against the end
 * offsets of the same sample, so the list and the lag chart cost no request to Kafka of their own.
 */
record SampledLag(SortedSet<String> topics, long totalLag) {

    static Map<String, SampledLag> byGroup(Snapshot snapshot) {
        Map<String, SortedSet<String>> topics = new HashMap<>();
        Map<String, Long> lags = new HashMap<>();
        snapshot.commits().forEach((commit, committed) -> {
            topics.computeIfAbsent(commit.group(), g -> new TreeSet<>()).add(commit.partition().topic());
            long end = endOffset(snapshot, commit.partition());
            lags.merge(commit.group(), end > committed ? end - committed : 0, Long::sum);
        });
        Map<String, SampledLag> groups = new HashMap<>();
        topics.forEach((group, names) -> groups.put(group, new SampledLag(names, lags.get(group))));
        return groups;
    }

    /** -1 when the sample has no end offset for {@code tp}: its topic is new, gone or its leader did not answer. */
    static long endOffset(Snapshot snapshot, TopicPartition tp) {
        TopicState topic = snapshot.topics().get(tp.topic());
        return topic == null || tp.partition() >= topic.partitions().size() ? -1
            : topic.partitions().get(tp.partition()).endOffset();
    }
}
