package io.tillstream.registry.leader;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Elects the leader inside Kafka's group protocol, as Confluent's registry does with its own protocol:
 * each member joins with its {@link RegistryInstance}; the group's assignor picks, per schemas topic,
 * one leader-eligible member (the one leading already, if it is still there, so a member joining does
 * not move the leadership) and gives it the log's partition; every member's assignment names the
 * leader of its topic.
 * Kafka creates this class itself, so the election it reports to comes in the consumer's settings.
 */
public final class LeaderAssignor implements ConsumerPartitionAssignor, Configurable {

    /** The consumer setting carrying the {@link LeaderElection} object. */
    static final String ELECTION_CONFIG = "tillstream.registry.election";
    private static final String NAME = "tillstream-registry-leader";

    private LeaderElection election;

    @Override
    public void configure(Map<String, ?> configs) {
        election = (LeaderElection) configs.get(ELECTION_CONFIG);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return election.self().toBytes(election.leadsNow());
    }

    private record Member(String memberId, RegistryInstance instance, boolean leads, String topic) {
    }

    /**
     * Elects a leader per schemas topic: instances of two registries that were given one group ID
     * by mistake still each follow a leader of their own topic, never one that writes elsewhere.
     */
    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, List<Member>> byTopic = new HashMap<>();
        groupSubscription.groupSubscription().forEach((memberId, subscription) ->
            RegistryInstance.fromBytes(subscription.userData()).ifPresent(d -> subscription.topics().forEach(topic ->
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>())
                    .add(new Member(memberId, d.instance(), d.leads(), topic)))));
        Map<String, Assignment> assignments = new HashMap<>();
        byTopic.forEach((topic, members) -> {
            Optional<Member> leader = members.stream().filter(m -> m.instance().leaderEligible())
                .min(Comparator.comparing((Member m) -> !m.leads()).thenComparing(m -> m.instance().url())
                    .thenComparing(Member::memberId));
            ByteBuffer announcement = leader.map(m -> m.instance().toBytes(true)).orElse(ByteBuffer.allocate(0));
            for (Member member : members) {
                List<TopicPartition> partitions = leader.filter(m -> m.memberId().equals(member.memberId()))
                    .map(m -> List.of(new TopicPartition(topic, 0))).orElse(List.of());
                assignments.put(member.memberId(), new Assignment(partitions, announcement.duplicate()));
            }
        });
        groupSubscription.groupSubscription().keySet()
            .forEach(memberId -> assignments.putIfAbsent(memberId, new Assignment(List.of(), ByteBuffer.allocate(0))));
        return new GroupAssignment(assignments);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        election.electionEnded(RegistryInstance.fromBytes(assignment.userData()).map(RegistryInstance.Described::instance)
            .orElse(null));
    }
}
