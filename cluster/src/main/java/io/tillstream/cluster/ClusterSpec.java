package io.tillstream.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of a local cluster: where it keeps its data, how many nodes it has and where they listen.
 *
 * <p>Node {@code i} listens for clients on {@code clientPort + 2i} and for the controller quorum on
 * {@code controllerPort + 2i}, so the single-node defaults are Kafka's own 9092/9093 and a three-node
 * cluster uses 9092/9093, 9094/9095 and 9096/9097.
 *
 * @param dataDir         the directory that holds every node's logs and the cluster's identity
 * @param nodeCount       1 to {@value #MAX_NODES} nodes, each a broker; the controller quorum is the
 *                        largest odd number of them
 * @param bindHost        the interface the client listeners bind to
 * @param advertisedHost  the host name clients are told to connect to
 * @param clientPort      the first node's client port
 * @param controllerPort  the first node's controller port (controllers always bind to loopback)
 * @param sasl            whether clients and brokers authenticate with SCRAM-SHA-512 on the client
 *                        listeners ({@code SASL_PLAINTEXT}); the brokers sign in as the data directory's
 *                        {@link BrokerUser}
 * @param tls             TLS on the client listeners ({@code SASL_SSL}, with {@code sasl}); null for none
 * @param admins          Kafka users who may do everything, whatever the ACLs say (Kafka's {@code super.users},
 *                        beside the broker user); with {@code sasl} only, since only then is there an authorizer
 */
public record ClusterSpec(Path dataDir, int nodeCount, String bindHost, String advertisedHost,
                          int clientPort, int controllerPort, boolean sasl, ListenerTls tls, Set<String> admins) {

    public static final int MAX_NODES = 5;
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_CLIENT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    public ClusterSpec {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        admins = Set.copyOf(admins);
        if (nodeCount < 1 || nodeCount > MAX_NODES) {
            throw new ClusterException("a local cluster has 1 to " + MAX_NODES + " nodes, not " + nodeCount);
        }
        checkPort(clientPort, "client");
        checkPort(controllerPort, "controller");
        if (Math.abs(clientPort - controllerPort) % 2 == 0) {
            throw new ClusterException("client port " + clientPort + " and controller port " + controllerPort
                + " would collide between nodes; their difference must be odd");
        }
    }

    /** A loopback-only cluster of {@code nodeCount} nodes on the default ports. */
    public static ClusterSpec local(Path dataDir, int nodeCount) {
        return new ClusterSpec(dataDir, nodeCount, LOOPBACK, LOOPBACK, DEFAULT_CLIENT_PORT, DEFAULT_CONTROLLER_PORT, false, null, Set.of());
    }

    public ClusterSpec withPorts(int firstClientPort, int firstControllerPort) {
        return new ClusterSpec(dataDir, nodeCount, bindHost, advertisedHost, firstClientPort, firstControllerPort, sasl, tls, admins);
    }

    /**
     * Advertises {@code host} to clients; anything other than loopback also binds every interface,
     * since clients on other machines could not reach a loopback listener.
     */
    public ClusterSpec withAdvertisedHost(String host) {
        String bind = isLoopback(host) ? LOOPBACK : "0.0.0.0";
        return new ClusterSpec(dataDir, nodeCount, bind, host, clientPort, controllerPort, sasl, tls, admins);
    }

    /** Clients and brokers authenticate with SCRAM-SHA-512 on the client listeners when {@code on}. */
    public ClusterSpec withSasl(boolean on) {
        return new ClusterSpec(dataDir, nodeCount, bindHost, advertisedHost, clientPort, controllerPort, on, tls, admins);
    }

    /** TLS on the client listeners with {@code stores} (null for none); only with SASL, which it protects. */
    public ClusterSpec withTls(ListenerTls stores) {
        if (stores != null && !sasl) {
            throw new ClusterException("TLS on a local cluster's listeners comes with SASL: turn SASL on first");
        }
        return new ClusterSpec(dataDir, nodeCount, bindHost, advertisedHost, clientPort, controllerPort, sasl, stores, admins);
    }

    /**
     * Makes {@code users} Kafka super users on a SASL cluster: they may do everything, and every other
     * user only what ACLs allow.
     */
    public ClusterSpec withAdmins(Set<String> users) {
        if (!users.isEmpty() && !sasl) {
            throw new ClusterException("admins of a local cluster come with SASL: turn SASL on first");
        }
        users.stream().filter(name -> name.isEmpty() || name.contains(";")).findFirst().ifPresent(name -> {
            // Kafka's super.users is a ;-separated list: such a name would name other principals.
            throw new ClusterException("'" + name + "' cannot be a Kafka super user: the name is empty or holds ';'");
        });
        return new ClusterSpec(dataDir, nodeCount, bindHost, advertisedHost, clientPort, controllerPort, sasl, tls, users);
    }

    /** The client listeners' security protocol, which names the listener too. */
    public String securityProtocol() {
        return tls != null ? "SASL_SSL" : sasl ? "SASL_PLAINTEXT" : "PLAINTEXT";
    }

    /** True when the client listeners are reachable from other machines. */
    public boolean listensBeyondLoopback() {
        return !isLoopback(bindHost);
    }

    /** The replication factor for new topics: every node up to three. */
    public short replicationFactor() {
        return (short) Math.min(3, nodeCount);
    }

    /** Two in-sync replicas once there are three copies, so one node may fail without losing an acknowledged write. */
    public int minInSyncReplicas() {
        return nodeCount >= 3 ? 2 : 1;
    }

    /**
     * Partitions of Kafka's own {@code __consumer_offsets} and {@code __transaction_state}: one a node,
     * so that each node coordinates a share of the groups and transactions, as Kafka's 50 do on a large cluster.
     */
    public int internalTopicPartitions() {
        return nodeCount;
    }

    /** The largest odd number of nodes, so the quorum never waits on a tie. */
    public int controllerCount() {
        return nodeCount % 2 == 1 ? nodeCount : nodeCount - 1;
    }

    public List<NodeSpec> nodes() {
        List<NodeSpec> nodes = new ArrayList<>(nodeCount);
        for (int id = 0; id < nodeCount; id++) {
            nodes.add(new NodeSpec(id, clientPort + 2 * id, controllerPort + 2 * id, id < controllerCount()));
        }
        return List.copyOf(nodes);
    }

    /** The bootstrap address a client on this machine uses, e.g. {@code 127.0.0.1:9092,127.0.0.1:9094}. */
    public String bootstrapServers() {
        return String.join(",", nodes().stream().map(n -> advertisedHost + ":" + n.clientPort()).toList());
    }

    String quorumVoters() {
        return String.join(",", nodes().stream()
            .filter(NodeSpec::controller)
            .map(n -> n.id() + "@" + LOOPBACK + ":" + n.controllerPort())
            .toList());
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("localhost") || host.equals("::1");
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535 - 2 * MAX_NODES) {
            throw new ClusterException(name + " port " + port + " is out of range");
        }
    }

    /** One node's identity and ports. */
    public record NodeSpec(int id, int clientPort, int controllerPort, boolean controller) {
    }
}
