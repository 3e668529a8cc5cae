package io.tillstream.cli;

import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tillstream status}: brokers, the KRaft controller quorum, topics and partition health, with
 * an exit code a script can branch on (0 healthy, 1 under-replicated or offline partitions, 3 unreachable).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show brokers, the controller quorum, topics and partition health.",
    footer = {"", "Exit codes: 0 healthy, 1 under-replicated or offline partitions, 3 Kafka unreachable."})
final class StatusCommand implements Callable<Integer> {

    private static final int MAX_LISTED_PROBLEMS = 10;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        verbosity.configure();
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterConnection cluster = ClusterConnection.open(connection)) {
            DescribeClusterResult description = cluster.admin().describeCluster();
            String clusterId = cluster.await(description.clusterId());
            List<Node> brokers = cluster.await(description.nodes()).stream()
                .sorted(Comparator.comparingInt(Node::id)).toList();
            Set<String> names = cluster.await(cluster.admin().listTopics(new ListTopicsOptions().listInternal(true)).names());
            Map<String, TopicDescription> topics = cluster.describeTopics(names);

            List<String> problems = partitionProblems(topics.values());
            int partitions = topics.values().stream().mapToInt(t -> t.partitions().size()).sum();
            long offline = problems.stream().filter(p -> p.contains("offline")).count();

            out.printf("Cluster      %s at %s%n", clusterId, cluster.bootstrapServer());
            out.printf("Controller   %s%n", quorum(cluster));
            out.printf("Brokers      %d: %s%n", brokers.size(), brokers.stream()
                .map(n -> n.id() + " at " + n.host() + ":" + n.port() + (n.hasRack() ? " rack " + n.rack() : ""))
                .collect(Collectors.joining(", ")));
            out.printf("Topics       %d topics, %d partitions%n", topics.size(), partitions);
            out.printf("Partitions   %d under-replicated, %d offline%n", problems.size() - offline, offline);
            problems.stream().limit(MAX_LISTED_PROBLEMS).forEach(p -> out.println("             " + p));
            if (problems.size() > MAX_LISTED_PROBLEMS) {
                out.printf("             ... and %d more%n", problems.size() - MAX_LISTED_PROBLEMS);
            }
            out.printf("Health       %s%n", problems.isEmpty() ? "OK" : "DEGRADED");
            return problems.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    private static String quorum(ClusterConnection cluster) {
        try {
            QuorumInfo quorum = cluster.await(cluster.admin().describeMetadataQuorum().quorumInfo());
            return "KRaft, leader node " + quorum.leaderId() + ", voters " + quorum.voters().stream()
                .map(v -> Integer.toString(v.replicaId())).collect(Collectors.joining(","));
        } catch (CommandFailedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static List<String> partitionProblems(Collection<TopicDescription> topics) {
        List<String> problems = new ArrayList<>();
        topics.stream().sorted(Comparator.comparing(TopicDescription::name)).forEach(topic -> {
            for (TopicPartitionInfo p : topic.partitions()) {
                String where = topic.name() + "-" + p.partition();
                if (p.leader() == null || p.leader().isEmpty()) {
                    problems.add(where + ": offline (no leader; replicas " + ids(p.replicas()) + ")");
                } else if (p.isr().size() < p.replicas().size()) {
                    problems.add(where + ": under-replicated (replicas " + ids(p.replicas()) + ", in sync " + ids(p.isr()) + ")");
                }
            }
        });
        return problems;
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(Node::idString).collect(Collectors.joining(","));
    }
}
