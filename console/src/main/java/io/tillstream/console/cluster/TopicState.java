package io.tillstream.console.cluster;

import java.util.List;

/** A topic at a sample, with its partitions in order. */
public record TopicState(String name, boolean internal, List<PartitionState> partitions) {

    /** Records between each partition's start and end offsets: exact unless compacted or transactional. */
    public long messages() {
        return partitions.stream().mapToLong(PartitionState::messages).sum();
    }

    public long sizeBytes() {
        return partitions.stream().mapToLong(PartitionState::sizeBytes).sum();
    }

    public int replicationFactor() {
        return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
    }

    public long underReplicated() {
        return partitions.stream().filter(PartitionState::underReplicated).count();
    }

    public long offline() {
        return partitions.stream().filter(PartitionState::offline).count();
    }
}
