package io.tillstream.pipeline;

import io.tillstream.security.SilentKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Before Kafka Streams starts: proves Kafka answers, checks the source topic exists, and creates the
 * output topics that are missing, with as many partitions as the source (replication: the broker's
 * default). Aggregate topics are compacted: only each group's latest totals matter.
 */
final class TopicSetup {

    private final Admin admin;
    private final String bootstrapServers;
    private final Map<String, Object> clientSettings;
    private final Duration timeout;

    /** @param clientSettings the Kafka client settings {@code admin} was made with, which an error message may name */
    TopicSetup(Admin admin, String bootstrapServers, Map<String, Object> clientSettings, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.clientSettings = clientSettings;
        this.timeout = timeout;
    }

    /** Proves Kafka answers and returns the partitions of the source topic, which must exist. */
    int sourcePartitions(String source) {
        await(admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId(),
            "reach Kafka");
        try {
            TopicDescription description = await(admin.describeTopics(List.of(source)).allTopicNames(),
                "describe topic " + source).get(source);
            return description.partitions().size();
        } catch (PipelineException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new PipelineException("topic " + source + " does not exist at " + bootstrapServers
                    + " ('tillstream up' creates raw_data)", e.getCause());
            }
            throw e;
        }
    }

    /** Creates the output topics that do not exist yet, with {@code partitions} partitions each. */
    void createMissing(Topics topics, int partitions, Duration windowRetention) {
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(topic(topics.deadLetters(), partitions, Map.of()));
        wanted.add(topic(topics.enriched(), partitions, Map.of()));
        for (Breakdown breakdown : Breakdown.withTopics()) {
            wanted.add(topic(topics.aggregate(breakdown), partitions, compact));
        }
        // One key per minute and mall: compacted for the latest totals, and deleted when the windows expire.
        wanted.add(topic(topics.perMinute(), partitions, Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, Long.toString(windowRetention.toMillis()))));
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<NewTopic> missing = wanted.stream().filter(topic -> !existing.contains(topic.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            await(admin.createTopics(missing).all(), "create topics " + missing.stream().map(NewTopic::name).toList());
        } catch (PipelineException e) {
            // Another instance starting at the same time created them first.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw new PipelineUnreachableException(SilentKafka.message(bootstrapServers, timeout.toMillis() + " ms",
                    clientSettings), cause);
            }
            if (cause instanceof AuthenticationException) {
                throw new PipelineUnreachableException("authentication to Kafka at " + bootstrapServers + " failed: "
                    + cause.getMessage(), cause);
            }
            throw new PipelineException("cannot " + what + ": " + cause.getMessage(), cause);
        }
    }
}
