package io.tillstream.console.groups;

import io.tillstream.console.cluster.Partial;
import io.tillstream.console.cluster.Snapshot;
import io.tillstream.console.InvalidInputException;
import io.tillstream.console.cluster.Futures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Consumer groups through the Admin API, the way {@code kafka-consumer-groups.sh} reads and
 * changes them: listed with their state, described with members and lag, offsets reset and
 * groups deleted only while no consumer is in the group.
 */
public final class ConsumerGroups {

    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final Admin admin;

    public ConsumerGroups(Admin admin) {
        this.admin = admin;
    }

    /** The groups whose id contains {@code search} (lower case), ignoring case, with their lag as {@code snapshot} saw it. */
    List<GroupSummary> list(String search, Snapshot snapshot) {
        List<GroupListing> listings = Futures.join(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())
            .stream().filter(g -> g.groupId().toLowerCase(Locale.ROOT).contains(search))
            .sorted(Comparator.comparing(GroupListing::groupId)).toList();
        if (listings.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> described =
            admin.describeConsumerGroups(listings.stream().map(GroupListing::groupId).toList()).describedGroups();
        Map<String, SampledLag> lags = SampledLag.byGroup(snapshot);
        List<GroupSummary> groups = new ArrayList<>();
        for (GroupListing listing : listings) {
            ConsumerGroupDescription description = Partial.orNull(described.get(listing.groupId()));
            SampledLag lag = lags.get(listing.groupId());
            Set<String> topics = new TreeSet<>(lag == null ? Set.of() : lag.topics());
            if (description != null) {
                description.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> topics.add(tp.topic())));
            }
            groups.add(new GroupSummary(listing.groupId(), listing.groupState().orElse(GroupState.UNKNOWN).name(),
                listing.type().map(t -> t.toString().toLowerCase(Locale.ROOT)).orElse("unknown"), listing.protocol(),
                description == null ? null : description.members().size(), List.copyOf(topics),
                lag == null ? null : lag.totalLag()));
        }
        return groups;
    }

    GroupDetail detail(String groupId) {
        return detail(describe(groupId));
    }

    /** The group's detail, empty when Kafka knows no group {@code groupId}: a group not started yet is no error. */
    public Optional<GroupDetail> find(String groupId) {
        return describeIfExists(groupId).map(this::detail);
    }

    private GroupDetail detail(ConsumerGroupDescription group) {
        String groupId = group.groupId();
        Map<TopicPartition, Long> committed = committed(groupId);
        Map<TopicPartition, MemberDescription> owners = new HashMap<>();
        group.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> owners.put(tp, m)));
        Set<TopicPartition> partitions = new TreeSet<>(BY_TOPIC_AND_PARTITION);
        partitions.addAll(committed.keySet());
        partitions.addAll(owners.keySet());
        // A partition whose leader does not answer shows no lag instead of failing the page.
        Map<TopicPartition, Long> ends = Partial.offsets(admin, partitions, OffsetSpec.latest());

        List<GroupDetail.PartitionLag> lags = new ArrayList<>();
        long total = 0;
        for (TopicPartition tp : partitions) {
            Long offset = committed.get(tp);
            long end = ends.getOrDefault(tp, -1L);
            Long lag = offset == null || end < 0 ? null : Math.max(0, end - offset);
            total += lag == null ? 0 : lag;
            MemberDescription owner = owners.get(tp);
            lags.add(new GroupDetail.PartitionLag(tp.topic(), tp.partition(), offset, end, lag,
                owner == null ? null : owner.consumerId(), owner == null ? null : owner.clientId()));
        }
        Node coordinator = group.coordinator();
        return new GroupDetail(groupId, group.groupState().name(), group.type().toString().toLowerCase(Locale.ROOT),
            group.isSimpleConsumerGroup(), group.partitionAssignor(),
            coordinator == null ? null : new GroupDetail.Coordinator(coordinator.id(), coordinator.host(), coordinator.port()),
            group.members().stream().map(ConsumerGroups::member).sorted(Comparator.comparing(GroupDetail.Member::clientId)
                .thenComparing(GroupDetail.Member::memberId)).toList(),
            lags, total);
    }

    /** Moves the committed offsets as {@code request} says and returns where each partition's offset went. */
    List<OffsetChange> reset(String groupId, GroupRequests.OffsetReset request) {
        requireInactive(describe(groupId), "reset its offsets");
        List<TopicPartition> partitions = request.topic() != null ? partitionsOf(request.topic())
            : committed(groupId).keySet().stream().sorted(BY_TOPIC_AND_PARTITION).toList();
        if (partitions.isEmpty()) {
            throw new InvalidInputException("Group " + groupId + " has no committed offsets to reset: name a topic.");
        }
        Map<TopicPartition, Long> offsets = switch (request.target()) {
            case EARLIEST -> offsets(partitions, OffsetSpec.earliest());
            case LATEST -> offsets(partitions, OffsetSpec.latest());
            case TIMESTAMP -> atTimestamp(partitions, request.timestamp());
        };
        Futures.join(admin.alterConsumerGroupOffsets(groupId, offsets.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all());
        return partitions.stream().map(tp -> new OffsetChange(tp.topic(), tp.partition(), offsets.get(tp))).toList();
    }

    void delete(String groupId) {
        requireInactive(describe(groupId), "delete it");
        Futures.join(admin.deleteConsumerGroups(List.of(groupId)).all());
    }

    private ConsumerGroupDescription describe(String groupId) {
        return describeIfExists(groupId).orElseThrow(
            () -> new GroupNotFoundException(groupId));
    }

    private Optional<ConsumerGroupDescription> describeIfExists(String groupId) {
        ConsumerGroupDescription group;
        try {
            group = Futures.join(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId));
        } catch (GroupIdNotFoundException e) {
            // The consumer group protocol's coordinator fails for a group it does not know ...
            return Optional.empty();
        }
        // ... a classic one describes it as DEAD.
        return group.groupState() == GroupState.DEAD ? Optional.empty() : Optional.of(group);
    }

    /** As kafka-consumer-groups.sh: a group's offsets belong to its consumers while any is in the group. */
    private static void requireInactive(ConsumerGroupDescription group, String action) {
        if (!group.members().isEmpty() || group.groupState() != GroupState.EMPTY) {
            int members = group.members().size();
            throw new GroupHasMembersException("Group " + group.groupId() + " has " + members
                + (members == 1 ? " active member" : " active members") + " (" + group.groupState().name()
                + "): stop its consumers first, then " + action + ".");
        }
    }

    private Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Futures.join(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()).forEach((tp, offset) -> {
            if (offset != null) {
                committed.put(tp, offset.offset());
            }
        });
        return committed;
    }

    private List<TopicPartition> partitionsOf(String topic) {
        TopicDescription description = Futures.join(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The offsets {@code spec} names; fails whole, since a reset must not move some partitions and guess at others. */
    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        return Futures.join(admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec))).all())
            .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The first offset at or after {@code timestamp}; the end of the log where every record is older. */
    private Map<TopicPartition, Long> atTimestamp(List<TopicPartition> partitions, long timestamp) {
        Map<TopicPartition, Long> offsets = new HashMap<>(offsets(partitions, OffsetSpec.forTimestamp(timestamp)));
        List<TopicPartition> past = partitions.stream().filter(tp -> offsets.get(tp) < 0).toList();
        if (!past.isEmpty()) {
            offsets.putAll(offsets(past, OffsetSpec.latest()));
        }
        return offsets;
    }

    private static GroupDetail.Member member(MemberDescription m) {
        return new GroupDetail.Member(m.consumerId(), m.groupInstanceId().orElse(null), m.clientId(), m.host(),
            m.assignment().topicPartitions().stream().sorted(BY_TOPIC_AND_PARTITION)
                .map(tp -> new GroupDetail.Assignment(tp.topic(), tp.partition())).toList());
    }
}
