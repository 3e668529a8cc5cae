package io.tillstream.cli;

import io.tillstream.security.SilentKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * An {@link Admin} client that has proven it can reach the cluster, and that turns Kafka's failures
 * into {@link CommandFailedException}s a user can read.
 */
final class ClusterConnection implements AutoCloseable {

    private final Admin admin;
    private final ConnectionOptions options;

    private ClusterConnection(Admin admin, ConnectionOptions options) {
        this.admin = admin;
        this.options = options;
    }

    /**
     * Connects and asks the cluster to describe itself, so that an unreachable cluster is reported
     * once, up front, with exit code {@link ExitCode#UNREACHABLE}.
     */
    static ClusterConnection open(ConnectionOptions options) {
        Admin admin;
        try {
            admin = Admin.create(options.clientProperties());
        } catch (KafkaException e) {
            throw new CommandFailedException("cannot connect to " + options.bootstrapServer() + ": " + rootMessage(e),
                ExitCode.UNREACHABLE, e);
        }
        ClusterConnection connection = new ClusterConnection(admin, options);
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) options.timeout().toMillis()));
            connection.await(cluster.clusterId());
        } catch (CommandFailedException e) {
            connection.close();
            if (e.getCause() instanceof TimeoutException) {
                throw new CommandFailedException(SilentKafka.message(options.bootstrapServer(),
                    DurationConverter.format(options.timeout()), options.clientSettings()), ExitCode.UNREACHABLE, e.getCause());
            }
            throw e;
        }
        return connection;
    }

    Admin admin() {
        return admin;
    }

    String bootstrapServer() {
        return options.bootstrapServer();
    }

    /** Describes topics; one that does not exist is a one-line failure naming it. */
    Map<String, TopicDescription> describeTopics(Collection<String> names) {
        try {
            return await(admin.describeTopics(names).allTopicNames());
        } catch (CommandFailedException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                String which = names.size() == 1 ? "topic '" + names.iterator().next() + "'" : "one of the topics " + names;
                throw new CommandFailedException(which + " does not exist", ExitCode.FAILED, e.getCause());
            }
            throw e;
        }
    }

    /** Waits for an admin result, translating Kafka's exceptions into one-line failures. */
    <T> T await(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted", ExitCode.FAILED, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    private CommandFailedException translate(Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return new CommandFailedException("authentication to " + options.bootstrapServer() + " failed: "
                + cause.getMessage(), ExitCode.UNREACHABLE, cause);
        }
        if (cause instanceof AuthorizationException) {
            return new CommandFailedException("not authorized: " + cause.getMessage(), ExitCode.FAILED, cause);
        }
        if (cause instanceof TimeoutException) {
            return new CommandFailedException("Kafka at " + options.bootstrapServer() + " did not answer within "
                + DurationConverter.format(options.timeout()), ExitCode.FAILED, cause);
        }
        if (cause instanceof ApiException) {
            return new CommandFailedException(cause.getMessage(), ExitCode.FAILED, cause);
        }
        return new CommandFailedException(rootMessage(cause), ExitCode.FAILED, cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        admin.close();
    }
}
