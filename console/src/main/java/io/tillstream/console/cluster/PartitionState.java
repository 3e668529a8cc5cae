package io.tillstream.console.cluster;

import java.util.List;

/**
 * One partition at a sample. {@code leader} is null while the partition is offline;
 * {@code sizeBytes} is the leader replica's log size; offsets are -1 when the leader did not answer.
 */
public record PartitionState(int partition, Integer leader, List<Integer> replicas, List<Integer> isr,
                             long startOffset, long endOffset, long sizeBytes) {

    public long messages() {
        return startOffset < 0 || endOffset < 0 ? 0 : endOffset - startOffset;
    }

    public boolean offline() {
        return leader == null;
    }

    public boolean underReplicated() {
        return isr.size() < replicas.size();
    }
}
