package io.tillstream.console.cluster;

import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;

/**
 * The brokers' log directories as {@code describeLogDirs} reported them: the size of a partition's leader replica, and
 * each broker's totals on disk.
 */
final class LogDirSizes {

    /** A broker's log directories in total; the disk's sizes are -1 when the broker does not report them. */
    record Totals(long logDirBytes, long diskTotalBytes, long diskUsableBytes) {
    }

    private final Map<Integer, Map<String, LogDirDescription>> byBroker;

    LogDirSizes(Map<Integer, Map<String, LogDirDescription>> byBroker) {
        this.byBroker = byBroker;
    }

    /** The size of {@code partition}'s replica on {@code leader}, 0 when there is none (offline, or not reported). */
    long leaderSize(TopicPartition partition, Integer leader) {
        if (leader == null) {
            return 0;
        }
        return byBroker.getOrDefault(leader, Map.of()).values().stream()
            .map(dir -> dir.replicaInfos().get(partition)).filter(r -> r != null && !r.isFuture())
            .mapToLong(ReplicaInfo::size).sum();
    }

    Totals totals(int broker) {
        Collection<LogDirDescription> dirs = byBroker.getOrDefault(broker, Map.of()).values();
        if (dirs.isEmpty()) {
            return new Totals(0, -1, -1);
        }
        long used = dirs.stream().flatMap(d -> d.replicaInfos().values().stream()).mapToLong(ReplicaInfo::size).sum();
        // A directory that does not report its disk makes the total unknown rather than too small.
        long total = dirs.stream().mapToLong(d -> d.totalBytes().orElse(-1)).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
        long usable = dirs.stream().mapToLong(d -> d.usableBytes().orElse(-1)).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
        return new Totals(used, total, usable);
    }
}
