package io.tillstream.console.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Each topic's throughput between two samples: in from how far its partitions' end offsets and leader logs grew, out
 * from how far consumer groups' commits moved, so that it works against any cluster, not only one in this process.
 */
final class TopicRates {

    private TopicRates() {
    }

    /** The rates of each topic of {@code current} that {@code previous} saw too. */
    static Map<String, Rates> between(Snapshot previous, ClusterReader.Reading current) {
        double seconds = Math.max(0.001, (current.time() - previous.time()) / 1000.0);
        Map<String, Long> consumed = new HashMap<>();
        current.commits().forEach((commit, offset) -> {
            Long before = previous.commits().get(commit);
            if (before != null && offset > before) {
                consumed.merge(commit.partition().topic(), offset - before, Long::sum);
            }
        });
        Map<String, Rates> rates = new HashMap<>();
        current.topics().forEach((name, topic) -> {
            TopicState before = previous.topics().get(name);
            if (before == null) {
                return;
            }
            long messagesIn = 0;
            long bytesIn = 0;
            for (PartitionState p : topic.partitions()) {
                if (p.partition() < before.partitions().size()) {
                    PartitionState old = before.partitions().get(p.partition());
                    // Retention and compaction shrink logs; a shrink is not negative traffic.
                    messagesIn += Math.max(0, p.endOffset() - old.endOffset());
                    bytesIn += Math.max(0, p.sizeBytes() - old.sizeBytes());
                }
            }
            long messagesOut = consumed.getOrDefault(name, 0L);
            double bytesPerMessage = topic.messages() == 0 ? 0 : (double) topic.sizeBytes() / topic.messages();
            rates.put(name, new Rates(bytesIn / seconds, messagesOut * bytesPerMessage / seconds,
                messagesIn / seconds, messagesOut / seconds));
        });
        return rates;
    }

    /** The cluster's total of {@code rates}, internal topics left out. */
    static Rates total(Map<String, Rates> rates, Map<String, TopicState> topics) {
        return rates.entrySet().stream().filter(e -> !topics.get(e.getKey()).internal())
            .map(Map.Entry::getValue).reduce(Rates.ZERO, Rates::plus);
    }
}
