package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code tillstream up}: a local Kafka cluster in this process, with the {@code raw_data} topic, until
 * Ctrl-C or SIGTERM.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start a local Apache Kafka cluster (KRaft, no ZooKeeper) and keep it running until Ctrl-C.",
        "Data lives under --data-dir, so a second start finds its topics, records and offsets again."})
final class UpCommand implements Callable<Integer> {

    static final String SALES_TOPIC = "raw_data";
    static final String ADDRESS_VARIABLE = "KAFKA_ADDRESS";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
        description = "Where the cluster keeps its data and logs (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
        description = "Nodes in the local cluster, 1 to " + ClusterSpec.MAX_NODES + " (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
        description = "Partitions of the raw_data topic when it is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--advertised-host", paramLabel = "HOST",
        description = {"Host name clients on other machines use to reach the brokers; anything but loopback",
            "also listens on every interface. Default: $" + ADDRESS_VARIABLE + " if set, else 127.0.0.1."})
    String advertisedHost;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "" + ClusterSpec.DEFAULT_CLIENT_PORT,
        description = "Client port of the first node; node i uses PORT+2i (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "" + ClusterSpec.DEFAULT_CONTROLLER_PORT,
        description = "KRaft controller port of the first node; node i uses PORT+2i (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        if (brokers < 1 || brokers > ClusterSpec.MAX_NODES) {
            throw new CommandFailedException("--brokers must be 1 to " + ClusterSpec.MAX_NODES + ", not " + brokers, ExitCode.USAGE);
        }
        if (partitions < 1) {
            throw new CommandFailedException("--partitions must be at least 1, not " + partitions, ExitCode.USAGE);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterSpec clusterSpec = ClusterSpec.local(dataDir, brokers)
            .withPorts(kafkaPort, controllerPort)
            .withAdvertisedHost(advertisedHost());
        LocalCluster cluster = LocalCluster.prepare(clusterSpec);
        verbosity.configure(cluster.dataDirectory().logFile());
        cluster.start();
        Thread stopOnSignal = new Thread(this::stopAndWait, "tillstream-stop");
        try {
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            int salesPartitions = ensureSalesTopic(cluster);
            if (clusterSpec.listensBeyondLoopback()) {
                err.println("warning: Kafka listens on every interface without authentication; anyone who can reach port "
                    + kafkaPort + " can read and write every topic");
            }
            out.printf("Tillstream is up: Kafka %s at %s (%d node%s, KRaft), topic %s with %d partitions, data in %s. Ctrl-C stops it.%n",
                KafkaVersion.current(), cluster.bootstrapServers(), brokers, brokers == 1 ? "" : "s",
                SALES_TOPIC, salesPartitions, cluster.dataDirectory().root());
            out.flush();
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.println("Stopping...");
            out.flush();
            cluster.close();
            removeHook(stopOnSignal);
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }
        return ExitCode.OK;
    }

    /** Asks a running {@code up} to shut down as Ctrl-C would. */
    void stop() {
        stopRequested.countDown();
    }

    /** Runs as a shutdown hook: the JVM exits when hooks return, so wait until the cluster has stopped. */
    private void stopAndWait() {
        stopRequested.countDown();
        try {
            stopped.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String advertisedHost() {
        if (advertisedHost != null) {
            return advertisedHost;
        }
        String fromEnvironment = System.getenv(ADDRESS_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? ClusterSpec.LOOPBACK : fromEnvironment.trim();
    }

    /** Creates raw_data on first start; on later starts reports the partitions it has. */
    private int ensureSalesTopic(LocalCluster cluster) {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            try {
                admin.createTopics(List.of(new NewTopic(SALES_TOPIC, partitions, cluster.spec().replicationFactor())))
                    .all().get();
                return partitions;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CommandFailedException("cannot create topic " + SALES_TOPIC + ": " + e.getCause().getMessage(),
                        ExitCode.FAILED, e.getCause());
                }
            }
            TopicDescription existing = admin.describeTopics(List.of(SALES_TOPIC)).allTopicNames().get().get(SALES_TOPIC);
            return existing.partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while creating " + SALES_TOPIC, ExitCode.FAILED, e);
        } catch (ExecutionException e) {
            throw new CommandFailedException("cannot describe topic " + SALES_TOPIC + ": " + e.getCause().getMessage(),
                ExitCode.FAILED, e.getCause());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting because of the signal; the hook has run.
        }
    }
}
