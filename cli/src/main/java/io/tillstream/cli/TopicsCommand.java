package io.tillstream.cli;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tillstream topics list|describe|create|delete}, in the manner of Kafka's kafka-topics tool. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "List, describe, create and delete topics.",
    subcommands = {TopicsCommand.ListTopics.class, TopicsCommand.Describe.class,
        TopicsCommand.Create.class, TopicsCommand.Delete.class})
final class TopicsCommand extends CommandGroup {

    /** What every topics subcommand shares: how to reach Kafka and how much to log. */
    abstract static class TopicsSubcommand implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;
        @Mixin
        Verbosity verbosity;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            verbosity.configure();
            try (ClusterConnection cluster = ClusterConnection.open(connection)) {
                return run(cluster, spec.commandLine().getOut());
            }
        }

        abstract int run(ClusterConnection cluster, PrintWriter out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List topic names, one per line.")
    static final class ListTopics extends TopicsSubcommand {
        @Option(names = "--exclude-internal", description = "Leave out internal topics such as __consumer_offsets.")
        boolean excludeInternal;

        @Override
        int run(ClusterConnection cluster, PrintWriter out) {
            Set<String> names = cluster.await(cluster.admin()
                .listTopics(new ListTopicsOptions().listInternal(!excludeInternal)).names());
            names.stream().sorted().forEach(out::println);
            return ExitCode.OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show partitions, leaders, replicas, in-sync replicas and non-default configs.")
    static final class Describe extends TopicsSubcommand {
        @Option(names = "--topic", paramLabel = "NAME", description = "The topic to describe (default: every topic).")
        String topic;

        @Override
        int run(ClusterConnection cluster, PrintWriter out) {
            Collection<String> names = topic != null ? List.of(topic)
                : cluster.await(cluster.admin().listTopics().names()).stream().sorted().toList();
            Map<String, TopicDescription> descriptions = cluster.describeTopics(names);
            Map<String, String> configs = overriddenConfigs(cluster, names);
            for (String name : names) {
                TopicDescription d = descriptions.get(name);
                int replicationFactor = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
                out.printf("Topic: %s\tTopicId: %s\tPartitionCount: %d\tReplicationFactor: %d\tConfigs: %s%n",
                    name, d.topicId(), d.partitions().size(), replicationFactor, configs.getOrDefault(name, ""));
                for (TopicPartitionInfo p : d.partitions()) {
                    out.printf("\tTopic: %s\tPartition: %d\tLeader: %s\tReplicas: %s\tIsr: %s%n", name, p.partition(),
                        p.leader() == null || p.leader().isEmpty() ? "none" : p.leader().idString(),
                        ids(p.replicas()), ids(p.isr()));
                }
            }
            return ExitCode.OK;
        }

        private static Map<String, String> overriddenConfigs(ClusterConnection cluster, Collection<String> names) {
            List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> all = cluster.await(cluster.admin().describeConfigs(resources).all());
            Map<String, String> result = new TreeMap<>();
            all.forEach((resource, config) -> result.put(resource.name(), config.entries().stream()
                .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .map(e -> e.name() + "=" + e.value())
                .sorted()
                .collect(Collectors.joining(","))));
            return result;
        }

        private static String ids(List<Node> nodes) {
            return nodes.stream().map(Node::idString).collect(Collectors.joining(","));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a topic.")
    static final class Create extends TopicsSubcommand {
        @Option(names = "--topic", paramLabel = "NAME", required = true, description = "The topic to create.")
        String topic;

        @Option(names = "--partitions", paramLabel = "N", description = "Partition count (default: the broker's num.partitions).")
        Integer partitions;

        @Option(names = "--replication-factor", paramLabel = "N",
            description = "Copies of each partition (default: the broker's default.replication.factor).")
        Short replicationFactor;

        @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic config override; repeat for more.")
        Map<String, String> configs = new TreeMap<>();

        @Option(names = "--if-not-exists", description = "Succeed quietly when the topic exists already.")
        boolean ifNotExists;

        @Override
        int run(ClusterConnection cluster, PrintWriter out) {
            if (partitions != null && partitions < 1) {
                throw new CommandFailedException("--partitions must be at least 1, not " + partitions, ExitCode.USAGE);
            }
            if (replicationFactor != null && replicationFactor < 1) {
                throw new CommandFailedException("--replication-factor must be at least 1, not " + replicationFactor,
                    ExitCode.USAGE);
            }
            NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
                .configs(configs);
            try {
                cluster.await(cluster.admin().createTopics(List.of(newTopic)).all());
            } catch (CommandFailedException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    if (ifNotExists) {
                        return ExitCode.OK;
                    }
                    throw new CommandFailedException("topic '" + topic + "' already exists", ExitCode.FAILED, e.getCause());
                }
                throw new CommandFailedException("cannot create topic '" + topic + "': " + e.getMessage(), e.exitCode(), e);
            }
            out.println("Created topic " + topic + ".");
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a topic and all its records.")
    static final class Delete extends TopicsSubcommand {
        @Option(names = "--topic", paramLabel = "NAME", required = true, description = "The topic to delete.")
        String topic;

        @Option(names = "--if-exists", description = "Succeed quietly when there is no such topic.")
        boolean ifExists;

        @Override
        int run(ClusterConnection cluster, PrintWriter out) {
            try {
                cluster.await(cluster.admin().deleteTopics(new ArrayList<>(List.of(topic))).all());
            } catch (CommandFailedException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    if (ifExists) {
                        return ExitCode.OK;
                    }
                    throw new CommandFailedException("topic '" + topic + "' does not exist", ExitCode.FAILED, e.getCause());
                }
                throw new CommandFailedException("cannot delete topic '" + topic + "': " + e.getMessage(), e.exitCode(), e);
            }
            out.println("Deleted topic " + topic + ".");
            return ExitCode.OK;
        }
    }
}
