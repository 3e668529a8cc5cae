package io.tillstream.console.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Samples the cluster through the Admin API on one thread, every interval: brokers, topics with
 * their partitions' offsets and leader log sizes, log-directory sizes and consumer groups'
 * commits. Throughput comes from the differences between samples, so it works against any
 * cluster, not only one running in this process. Pages read the latest sample instead of asking
 * Kafka themselves, which keeps them fast with hundreds of topics.
 */
public final class ClusterSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterSampler.class);

    /** One point of the throughput charts. */
    public record Sample(long time, double bytesIn, double bytesOut, double messagesIn, double messagesOut) {
    }

    private static final long UNWATCHED_AFTER_MS = 30_000;
    private static final long UNWATCHED_INTERVAL_MS = 10_000;

    private final Admin admin;
    private final long intervalMs;
    private final int maxSamples;
    private final Timer duration;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "console-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Sample> history = new ArrayDeque<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot latest;
    private volatile RuntimeException failure;
    private volatile long lastReadMs;

    /**
     * @param metrics where the time each sample takes goes
     * @param tags    the timer's tags: the cluster's name when the console shows several
     */
    public ClusterSampler(Admin admin, long intervalMs, long windowMs, MeterRegistry metrics, Tags tags) {
        this.admin = admin;
        this.intervalMs = intervalMs;
        this.maxSamples = (int) Math.max(2, windowMs / intervalMs);
        this.duration = Timer.builder("tillstream.console.sample.duration")
            .description("Time one sample of the cluster through the Admin API takes, failed ones included")
            .tags(tags).publishPercentileHistogram().register(metrics);
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::sampleQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    public long intervalMs() {
        return intervalMs;
    }

    /**
     * Hands every new sample to {@code listener}, on the sampling thread, so a feature can keep its
     * own history without asking Kafka again. It must be quick and must not throw.
     */
    public void onSample(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    /** A topic with the sample it was read from. */
    public record SampledTopic(TopicState topic, Snapshot snapshot) {
    }

    /**
     * Topic {@code name} from the latest sample, or from a fresh one when it was made since, by
     * someone else.
     *
     * @throws TopicNotFoundException when there is no such topic
     */
    public SampledTopic topic(String name) {
        Snapshot snapshot = latest();
        TopicState topic = snapshot.topics().get(name);
        if (topic == null) {
            snapshot = refresh();
            topic = snapshot.topics().get(name);
        }
        if (topic == null) {
            throw new TopicNotFoundException(name);
        }
        return new SampledTopic(topic, snapshot);
    }

    /** The latest sample; takes one first if there is none yet. */
    public Snapshot latest() {
        lastReadMs = System.currentTimeMillis();
        Snapshot snapshot = latest;
        return snapshot != null ? snapshot : refresh();
    }

    /** The latest sample, or null before the first; unlike {@link #latest()} it neither samples nor counts as a reader. */
    public Snapshot peek() {
        return latest;
    }

    /** Why the last sample failed, or null if it succeeded. */
    public RuntimeException failure() {
        return failure;
    }

    /** Takes a sample now, after a change, so the next page shows it. */
    public Snapshot refresh() {
        return Futures.join(executor.submit(this::sample));
    }

    /** The throughput samples taken after {@code since} (epoch millis), oldest first. */
    public List<Sample> history(long since) {
        lastReadMs = System.currentTimeMillis();
        synchronized (history) {
            return history.stream().filter(s -> s.time() > since).toList();
        }
    }

    private void sampleQuietly() {
        long now = System.currentTimeMillis();
        Snapshot previous = latest;
        // With no page open, sample less often: a second-by-second Admin poll costs the process (and
        // the broker, when it shares the process) CPU that nobody is looking at.
        if (previous != null && now - lastReadMs > UNWATCHED_AFTER_MS && now - previous.time() < UNWATCHED_INTERVAL_MS) {
            return;
        }
        try {
            sample();
        } catch (RuntimeException e) {
            failure = e;
            log.debug("Sampling the cluster failed", e);
        }
    }

    private Snapshot sample() {
        return duration.record(this::takeSample);
    }

    private Snapshot takeSample() {
        long now = System.currentTimeMillis();
        DescribeClusterResult cluster = admin.describeCluster();
        Collection<Node> nodes = Futures.join(cluster.nodes());
        Set<String> names = Futures.join(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        // One by one: a topic deleted since the listing is left out instead of failing the sample.
        Map<String, TopicDescription> descriptions = new HashMap<>();
        admin.describeTopics(names).topicNameValues().forEach((name, future) -> {
            TopicDescription description = Partial.orNull(future);
            if (description != null) {
                descriptions.put(name, description);
            }
        });
        List<TopicPartition> partitions = descriptions.values().stream()
            .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        // A partition whose leader does not answer is left out rather than failing the sample.
        Map<TopicPartition, Long> starts = Partial.offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = Partial.offsets(admin, partitions, OffsetSpec.latest());
        Map<Integer, Map<String, LogDirDescription>> logDirs = Futures.join(admin.describeLogDirs(
            nodes.stream().map(Node::id).toList()).allDescriptions());

        Map<String, TopicState> topics = new TreeMap<>();
        descriptions.values().forEach(d -> topics.put(d.name(), new TopicState(d.name(), d.isInternal(),
            d.partitions().stream().map(p -> partition(d.name(), p, starts, ends, logDirs)).toList())));

        Snapshot previous = latest;
        Map<Snapshot.Commit, Long> commits = commits();
        Map<String, Rates> topicRates = previous == null ? Map.of() : topicRates(previous, topics, commits, now);
        Rates total = topicRates.entrySet().stream().filter(e -> !topics.get(e.getKey()).internal())
            .map(Map.Entry::getValue).reduce(Rates.ZERO, Rates::plus);
        Snapshot snapshot = new Snapshot(now, Futures.join(cluster.clusterId()), metadataVersion(),
            brokers(nodes, Futures.join(cluster.controller()), logDirs), topics, commits, total, topicRates);
        latest = snapshot;
        failure = null;
        listeners.forEach(listener -> listener.accept(snapshot));
        if (previous != null) {
            record(new Sample(now, total.bytesIn(), total.bytesOut(), total.messagesIn(), total.messagesOut()));
        }
        return snapshot;
    }

    private void record(Sample sample) {
        synchronized (history) {
            history.addLast(sample);
            while (history.size() > maxSamples) {
                history.removeFirst();
            }
        }
    }

    private static PartitionState partition(String topic, TopicPartitionInfo p, Map<TopicPartition, Long> starts,
                                            Map<TopicPartition, Long> ends,
                                            Map<Integer, Map<String, LogDirDescription>> logDirs) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        Node leader = p.leader() == null || p.leader().isEmpty() ? null : p.leader();
        long size = leader == null ? 0 : logDirs.getOrDefault(leader.id(), Map.of()).values().stream()
            .map(dir -> dir.replicaInfos().get(tp)).filter(r -> r != null && !r.isFuture())
            .mapToLong(ReplicaInfo::size).sum();
        return new PartitionState(p.partition(), leader == null ? null : leader.id(),
            p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList(),
            starts.getOrDefault(tp, -1L), ends.getOrDefault(tp, -1L), size);
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

    private static Map<String, Rates> topicRates(Snapshot previous, Map<String, TopicState> topics,
                                                 Map<Snapshot.Commit, Long> commits, long now) {
        double seconds = Math.max(0.001, (now - previous.time()) / 1000.0);
        Map<String, Long> consumed = new HashMap<>();
        commits.forEach((commit, offset) -> {
            Long before = previous.commits().get(commit);
            if (before != null && offset > before) {
                consumed.merge(commit.partition().topic(), offset - before, Long::sum);
            }
        });
        Map<String, Rates> rates = new HashMap<>();
        topics.forEach((name, topic) -> {
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

    private List<Broker> brokers(Collection<Node> nodes, Node controller,
                                 Map<Integer, Map<String, LogDirDescription>> logDirs) {
        QuorumInfo quorum = quorum();
        // In KRaft, describeCluster names some broker as "controller" for old clients; the quorum's leader is the real one.
        int activeController = quorum != null ? quorum.leaderId() : controller == null ? -1 : controller.id();
        Set<Integer> voters = quorum == null ? Set.of()
            : quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet());
        List<Broker> brokers = new ArrayList<>();
        for (Node node : nodes) {
            Collection<LogDirDescription> dirs = logDirs.getOrDefault(node.id(), Map.of()).values();
            long used = dirs.stream().flatMap(d -> d.replicaInfos().values().stream()).mapToLong(ReplicaInfo::size).sum();
            long total = dirs.stream().mapToLong(d -> d.totalBytes().orElse(-1)).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
            long usable = dirs.stream().mapToLong(d -> d.usableBytes().orElse(-1)).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
            brokers.add(new Broker(node.id(), node.host(), node.port(), node.rack(), node.id() == activeController,
                voters.contains(node.id()), used, dirs.isEmpty() ? -1 : total, dirs.isEmpty() ? -1 : usable));
        }
        brokers.sort((a, b) -> Integer.compare(a.id(), b.id()));
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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
