package io.tillstream.console.groups;

import java.util.List;

/**
 * The Consumer group page: the group's state, its members with what each is assigned, and per
 * partition the committed offset against the end of the log. {@code assignor} is the partition
 * assignor the group chose, empty while it has no members.
 */
public record GroupDetail(String groupId, String state, String type, boolean simple, String assignor,
                          Coordinator coordinator, List<Member> members, List<PartitionLag> partitions,
                          long totalLag) {

    /** The broker that runs the group; null when Kafka does not say. */
    public record Coordinator(int id, String host, int port) {
    }

    /** {@code instanceId} is the static membership id, null for a dynamic member. */
    public record Member(String memberId, String instanceId, String clientId, String host,
                         List<Assignment> assignment) {
    }

    public record Assignment(String topic, int partition) {
    }

    /**
     * One partition the group commits to or is assigned. {@code committedOffset} and {@code lag}
     * are null before the group's first commit there; {@code endOffset} is -1 while the partition's
     * leader does not answer; {@code clientId} names the member that owns it, null for none.
     */
    public record PartitionLag(String topic, int partition, Long committedOffset, long endOffset, Long lag,
                               String memberId, String clientId) {
    }
}
