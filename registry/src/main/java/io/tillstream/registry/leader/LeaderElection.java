package io.tillstream.registry.leader;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This instance's membership of the election group: a consumer of the {@code _schemas} topic in the
 * group {@code schema.registry.group.id}, which never fetches (its partition is paused) and exists to
 * take part in Kafka's group protocol. Kafka notices a member that stops heartbeating within the
 * session timeout; the group then rebalances and {@link LeaderAssignor} elects again. Every rebalance
 * first takes the leadership away (the log writer closes), so two instances never both think they lead.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    /** Kafka's smallest allowed session by default: a dead leader is replaced within about this long. */
    static final int SESSION_TIMEOUT_MS = 6_000;
    private static final int HEARTBEAT_INTERVAL_MS = 1_500;
    private static final long RETRY_BACKOFF_MS = 1_000;

    private final String topic;
    private final Leadership leadership;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;

    public LeaderElection(RegistryInstance self, String groupId, String topic, Map<String, Object> clientProps,
                          Leadership leadership) {
        this.topic = topic;
        this.leadership = leadership;
        leadership.identify(self);
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, LeaderAssignor.class.getName());
        props.put(LeaderAssignor.ELECTION_CONFIG, this);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tillstream-registry-election");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "registry-leader-election");
        thread.setDaemon(true);
    }

    /** Joins the group; the first election's outcome reaches {@link Leadership} a moment later. */
    public void start() {
        thread.start();
    }

    RegistryInstance self() {
        return leadership.self();
    }

    boolean leadsNow() {
        return leadership.wonLastElection();
    }

    void electionEnded(RegistryInstance leader) {
        log.info("Registry leader elected: {}{}", leader == null ? "none (no instance is leader-eligible)" : leader.url(),
            leadership.self().equals(leader) ? " (this instance)" : "");
        leadership.electionEnded(leader);
    }

    private void run() {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                leadership.electionStarted();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                consumer.pause(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                leadership.electionStarted();
            }
        });
        while (!closed) {
            try {
                consumer.poll(Duration.ofMillis(100));
            } catch (WakeupException e) {
                // close() asked the loop to stop
            } catch (RuntimeException e) {
                if (!closed) {
                    log.warn("Taking part in the registry's leader election failed; retrying", e);
                    leadership.electionStarted();
                    pauseBeforeRetry();
                }
            }
        }
        leadership.close();
        consumer.close();
    }

    /** Keeps a failure that repeats at once (Kafka gone) from filling the log. */
    private void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_BACKOFF_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Leaves the group, so the others elect a new leader at once rather than after the session timeout. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.wakeup();
        try {
            thread.join(SESSION_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
