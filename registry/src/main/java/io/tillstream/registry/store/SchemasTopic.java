package io.tillstream.registry.store;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the {@code _schemas} topic as Confluent does, or checks that an existing one can hold the registry. */
final class SchemasTopic {

    private static final Logger log = LoggerFactory.getLogger(SchemasTopic.class);
    private static final int MAX_REPLICATION = 3;

    private SchemasTopic() {
    }

    static void ensure(Admin admin, String topic, long timeoutMs) throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription existing = describe(admin, topic, timeoutMs);
        if (existing != null) {
            int partitions = existing.partitions().size();
            if (partitions != 1) {
                throw new IllegalStateException("Topic " + topic + " has " + partitions
                    + " partitions; the schema registry needs exactly 1 to keep its records in order");
            }
            String policy = cleanupPolicy(admin, topic, timeoutMs);
            if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
                throw new IllegalStateException("Topic " + topic + " has cleanup.policy=" + policy
                    + "; the schema registry needs cleanup.policy=compact, or schemas vanish after retention"
                    + " and their IDs are handed out again");
            }
            return;
        }
        int brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
        short replication = (short) Math.min(MAX_REPLICATION, brokers);
        NewTopic newTopic = new NewTopic(topic, 1, replication)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            log.info("Created topic {} (1 partition, replication factor {}, compacted)", topic, replication);
        } catch (ExecutionException e) {
            // Another registry starting at the same time created it first.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static String cleanupPolicy(Admin admin, String topic, long timeoutMs)
        throws ExecutionException, InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(Set.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        return policy == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy.value().replace(" ", "");
    }

    private static TopicDescription describe(Admin admin, String topic, long timeoutMs)
        throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }
}
