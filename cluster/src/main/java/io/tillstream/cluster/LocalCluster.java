package io.tillstream.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Kafka cluster of 1 to {@value ClusterSpec#MAX_NODES} KRaft nodes in this JVM, with its data under
 * one directory so that a second start finds its topics, records and committed offsets again.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(ClusterSpec.local(Path.of("data"), 1))) {
 *     String bootstrap = cluster.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);
    private static final long START_TIMEOUT_SECONDS = 120;

    private final ClusterSpec spec;
    private final DataDirectory dataDir;
    private final List<KafkaNode> nodes;
    private final BrokerUser brokerUser;

    private LocalCluster(ClusterSpec spec, DataDirectory dataDir, List<KafkaNode> nodes, BrokerUser brokerUser) {
        this.spec = spec;
        this.dataDir = dataDir;
        this.nodes = nodes;
        this.brokerUser = brokerUser;
    }

    /**
     * Checks every port, opens (or creates and formats) the data directory and starts every node,
     * returning once all brokers serve clients. On failure nothing is left running.
     *
     * @throws PortInUseException     if a port a node needs is taken
     * @throws DataDirectoryException if the data directory cannot be used
     * @throws ClusterException       if a node fails to start
     */
    public static LocalCluster start(ClusterSpec spec) {
        LocalCluster cluster = prepare(spec);
        cluster.start();
        return cluster;
    }

    /**
     * Checks every port and opens (or creates) the data directory without starting anything, so that
     * a caller can set up logging into the directory before Kafka starts writing to it.
     *
     * @throws PortInUseException     if a port a node needs is taken
     * @throws DataDirectoryException if the data directory cannot be used
     */
    public static LocalCluster prepare(ClusterSpec spec) {
        checkPortsFree(spec);
        DataDirectory dataDir = DataDirectory.open(spec);
        BrokerUser brokerUser = spec.sasl() ? dataDir.brokerUser() : null;
        List<KafkaNode> nodes = spec.nodes().stream().map(n -> new KafkaNode(spec, n, dataDir, brokerUser)).toList();
        return new LocalCluster(spec, dataDir, nodes, brokerUser);
    }

    /**
     * Starts every node that is not running, returning once all brokers serve clients; on failure
     * stops them all again.
     */
    public void start() {
        try {
            // Every voter must be starting before any can win an election, so nodes start side by side.
            awaitAll(nodes.stream().map(n -> CompletableFuture.runAsync(n::start, daemonThread("start", n))).toList(),
                "start");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("cluster {} ready: {} node(s), bootstrap {}", dataDir.clusterId(), nodes.size(), spec.bootstrapServers());
    }

    public ClusterSpec spec() {
        return spec;
    }

    public DataDirectory dataDirectory() {
        return dataDir;
    }

    public String bootstrapServers() {
        return spec.bootstrapServers();
    }

    /** The user the brokers sign in as, for a SASL cluster; empty without SASL. */
    public Optional<BrokerUser> brokerUser() {
        return Optional.ofNullable(brokerUser);
    }

    /** Client settings beyond the bootstrap address that reach this cluster: SASL as its broker user, or none. */
    public Map<String, String> clientSecurity() {
        return brokerUser == null ? Map.of() : BrokerUser.clientProperties(spec, brokerUser.name(), brokerUser.password());
    }

    public String clusterId() {
        return dataDir.clusterId();
    }

    /** Stops one node with a controlled shutdown; the others go on serving. */
    public void stopNode(int nodeId) {
        node(nodeId).stop();
    }

    /** Starts a node stopped by {@link #stopNode(int)} again. */
    public void startNode(int nodeId) {
        node(nodeId).start();
    }

    public boolean nodeRunning(int nodeId) {
        return node(nodeId).running();
    }

    /** Stops every node; safe to call more than once. */
    @Override
    public void close() {
        try {
            awaitAll(nodes.stream().map(n -> CompletableFuture.runAsync(n::stop, daemonThread("stop", n))).toList(), "stop");
        } catch (RuntimeException e) {
            log.warn("a node did not stop cleanly", e);
        }
    }

    private KafkaNode node(int nodeId) {
        if (nodeId < 0 || nodeId >= nodes.size()) {
            throw new ClusterException("no node " + nodeId + " in a " + nodes.size() + "-node cluster");
        }
        return nodes.get(nodeId);
    }

    private void awaitAll(List<CompletableFuture<Void>> futures, String action) {
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Void> future : futures) {
            try {
                future.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | CompletionException e) {
                failures.add(e.getCause());
            } catch (TimeoutException e) {
                failures.add(new ClusterException("a node did not " + action + " within " + START_TIMEOUT_SECONDS + " s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof ClusterException clusterException) {
                throw clusterException;
            }
            throw new ClusterException("Kafka failed to " + action + ": " + first.getMessage()
                + " (see " + dataDir.logFile() + ")", first);
        }
    }

    static java.util.concurrent.Executor daemonThread(String action, KafkaNode node) {
        return task -> {
            Thread thread = new Thread(task, "tillstream-" + action + "-node-" + node.id());
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Checks that every port the cluster's nodes would listen on is free now.
     *
     * @throws PortInUseException naming the first port that is taken
     */
    public static void checkPortsFree(ClusterSpec spec) {
        for (ClusterSpec.NodeSpec node : spec.nodes()) {
            checkPortFree(spec.bindHost(), node.clientPort(), "Kafka clients, node " + node.id());
            if (node.controller()) {
                checkPortFree(ClusterSpec.LOOPBACK, node.controllerPort(), "KRaft controller, node " + node.id());
            }
        }
    }

    /**
     * Checks that {@code port} on {@code host} can be listened on now.
     *
     * @param purpose what the port is for, named in the error
     * @throws PortInUseException if it cannot
     */
    public static void checkPortFree(String host, int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new PortInUseException(host, port, purpose);
        }
    }
}
