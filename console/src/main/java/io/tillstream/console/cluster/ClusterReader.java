package io.tillstream.console.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the cluster's state through the Admin API: brokers, quorum, topics with their partitions' offsets and leader
 * log sizes, log-directory sizes and consumer groups' commits. A part that fails alone (a topic deleted since the
 * listing, a leader away) is left out rather than failing the whole reading.
 */
final class ClusterReader {

    /** What one reading saw, before any rates. */
    record Reading(long time, String clusterId, String metadataVersion, List<Broker> brokers,
                   Map<String, TopicState> topics, Map<Snapshot.Commit, Long> commits) {
    }

    private final Admin admin;

    ClusterReader(Admin admin) {
        this.admin = admin;
    }

    Reading read() {
        long now = System.currentTimeMillis();
        DescribeClusterResult cluster = admin.describeCluster();
        Collection<Node> nodes = Futures.join(cluster.nodes());
        Set<String> names = Futures.join(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        Map<String, TopicDescription> descriptions = new HashMap<>();
        admin.describeTopics(names).topicNameValues().forEach((name, future) -> {
            TopicDescription description = Partial.orNull(future);
            if (description != null) {
                descriptions.put(name, description);
            }
        });
        List<TopicPartition> partitions = descriptions.values().stream()
            .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        Map<TopicPartition, Long> starts = Partial.offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = Partial.offsets(admin, partitions, OffsetSpec.latest());
        LogDirSizes sizes = new LogDirSizes(Futures.join(admin.describeLogDirs(
            nodes.stream().map(Node::id).toList()).allDescriptions()));

        Map<String, TopicState> topics = new TreeMap<>();
        descriptions.values().forEach(d -> topics.put(d.name(), new TopicState(d.name(), d.isInternal(),
            d.partitions().stream().map(p -> partition(d.name(), p, starts, ends, sizes)).toList())));
        return new Reading(now, Futures.join(cluster.clusterId()), metadataVersion(),
            brokers(nodes, Futures.join(cluster.controller()), sizes), topics, commits());
    }

    private static PartitionState partition(String topic, TopicPartitionInfo p, Map<TopicPartition, Long> starts,
                                            Map<TopicPartition, Long> ends, LogDirSizes sizes) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        Integer leader = p.leader() == null || p.leader().isEmpty() ? null : p.leader().id();
        return new PartitionState(p.partition(), leader, p.replicas().stream().map(Node::id).toList(),
            p.isr().stream().map(Node::id).toList(), starts.getOrDefault(tp, -1L), ends.getOrDefault(tp, -1L),
            sizes.leaderSize(tp, leader));
    }

    private Map<Snapshot.Commit, Long> commits() {
        Collection<GroupListing> groups = Futures.join(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
            .collect(Collectors.toMap(GroupListing::groupId, g -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets =
            Futures.join(admin.listConsumerGroupOffsets(specs).all());
        Map<Snapshot.Commit, Long> commits = new HashMap<>();
        offsets.forEach((group, byPartition) -> byPartition.forEach((tp, offset) -> {
            if (offset != null) {
                commits.put(new Snapshot.Commit(group, tp), offset.offset());
            }
        }));
        return commits;
    }

    private List<Broker> brokers(Collection<Node> nodes, Node controller, LogDirSizes sizes) {
        QuorumInfo quorum = quorum();
        // In KRaft, describeCluster names some broker as "controller" for old clients; the quorum's leader is the real one.
        int activeController = quorum != null ? quorum.leaderId() : controller == null ? -1 : controller.id();
        Set<Integer> voters = quorum == null ? Set.of()
            : quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet());
        List<Broker> brokers = new ArrayList<>();
        for (Node node : nodes) {
            LogDirSizes.Totals disk = sizes.totals(node.id());
            brokers.add(new Broker(node.id(), node.host(), node.port(), node.rack(), node.id() == activeController,
                voters.contains(node.id()), disk.logDirBytes(), disk.diskTotalBytes(), disk.diskUsableBytes()));
        }
        brokers.sort(Comparator.comparingInt(Broker::id));
        return brokers;
    }

    /** The controller quorum, or null from a cluster or an ACL that does not tell. */
    private QuorumInfo quorum() {
        return Partial.orNull(admin.describeMetadataQuorum().quorumInfo());
    }

    /**
     * The finalized {@code metadata.version} feature level: the one version fact the Admin API gives
     * about any cluster (a broker's release is only visible through its JMX or logs).
     */
    private String metadataVersion() {
        FeatureMetadata features = Partial.orNull(admin.describeFeatures().featureMetadata());
        FinalizedVersionRange range = features == null ? null : features.finalizedFeatures().get("metadata.version");
        return range == null ? null : "metadata.version " + range.maxVersionLevel();
    }
}
