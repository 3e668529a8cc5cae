package io.tillstream.cluster;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One Apache Kafka node in KRaft mode, run in this JVM by Kafka's own {@link KafkaRaftServer}: a
 * broker, and a controller too when it is one of the quorum's voters.
 */
final class KafkaNode {

    private static final Logger log = LoggerFactory.getLogger(KafkaNode.class);
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Kafka's KRaft authorizer, whose ACLs live in the cluster's metadata. */
    static final String AUTHORIZER = StandardAuthorizer.class.getName();

    private final ClusterSpec spec;
    private final ClusterSpec.NodeSpec node;
    private final Path logDir;
    private final String clusterId;
    private final BrokerUser brokerUser;
    private KafkaRaftServer server;

    /** @param brokerUser who the brokers sign in as; null for a cluster without SASL */
    KafkaNode(ClusterSpec spec, ClusterSpec.NodeSpec node, DataDirectory dataDir, BrokerUser brokerUser) {
        this.spec = spec;
        this.node = node;
        this.logDir = dataDir.nodeDir(node.id());
        this.clusterId = dataDir.clusterId();
        this.brokerUser = brokerUser;
    }

    /** The client listener's name, which is its security protocol too. */
    private String clientListener() {
        return spec.securityProtocol();
    }

    int id() {
        return node.id();
    }

    synchronized boolean running() {
        return server != null;
    }

    /** Formats the node's storage on first use, then starts it; returns once the broker is unfenced. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        // The format needs none of the configuration, and each takes a few hundred ms of a cold JVM: side by side.
        CompletableFuture<Void> format = CompletableFuture.runAsync(this::formatIfNew, LocalCluster.daemonThread("format", this));
        KafkaConfig config;
        try {
            config = KafkaConfig.fromProps(properties(), false);
        } catch (RuntimeException e) {
            format.handle((done, failure) -> null).join();
            throw e;
        }
        awaitFormat(format);
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(started);
            throw e;
        }
        server = started;
        log.info("node {} started: clients on {}:{}", node.id(), spec.advertisedHost(), node.clientPort());
    }

    /** Stops the node with a controlled shutdown, so its partition leadership moves first. */
    void stop() {
        KafkaRaftServer running;
        synchronized (this) {
            running = server;
            server = null;
        }
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
            log.info("node {} stopped", node.id());
        }
    }

    /** Waits for the format; its own failure rather than the future's wrapper. */
    private static void awaitFormat(CompletableFuture<Void> format) {
        try {
            format.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void formatIfNew() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Formatter formatter = new Formatter();
            if (brokerUser != null) {
                // Its password is URL-safe base64, so it needs no quoting in kafka-storage's --add-scram form.
                formatter.setScramArguments(List.of(BrokerUser.MECHANISM + "=[name=" + brokerUser.name() + ",password="
                    + brokerUser.password() + "]"));
            }
            formatter
                .setPrintStream(printStream)
                .setNodeId(node.id())
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .run();
        } catch (Exception e) {
            throw new DataDirectoryException("cannot format " + logDir + ": " + e.getMessage(), e);
        }
        log.info("formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).trim());
    }

    Properties properties() {
        Properties p = new Properties();
        p.setProperty("node.id", Integer.toString(node.id()));
        p.setProperty("process.roles", node.controller() ? "broker,controller" : "broker");
        p.setProperty("controller.quorum.voters", spec.quorumVoters());
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        String client = clientListener();
        p.setProperty("inter.broker.listener.name", client);
        String listeners = client + "://" + spec.bindHost() + ":" + node.clientPort();
        if (node.controller()) {
            listeners += "," + CONTROLLER_LISTENER + "://" + ClusterSpec.LOOPBACK + ":" + node.controllerPort();
        }
        p.setProperty("listeners", listeners);
        p.setProperty("advertised.listeners", client + "://" + spec.advertisedHost() + ":" + node.clientPort());
        p.setProperty("listener.security.protocol.map", client + ":" + client + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        if (brokerUser != null) {
            p.setProperty("sasl.enabled.mechanisms", BrokerUser.MECHANISM);
            p.setProperty("sasl.mechanism.inter.broker.protocol", BrokerUser.MECHANISM);
            p.setProperty("listener.name." + client.toLowerCase(Locale.ROOT) + "." + BrokerUser.MECHANISM.toLowerCase(Locale.ROOT)
                + ".sasl.jaas.config", BrokerUser.jaasConfig(brokerUser.name(), brokerUser.password()));
            // Kafka's own authorizer, so that ACLs apply; without it every signed-in user may do everything. The
            // controller listener is PLAINTEXT on loopback, where the nodes reach each other as ANONYMOUS.
            p.setProperty("authorizer.class.name", AUTHORIZER);
            p.setProperty("allow.everyone.if.no.acl.found", "false");
            p.setProperty("super.users", superUsers(brokerUser));
        }
        if (spec.tls() != null) {
            spec.tls().brokerProperties().forEach(p::setProperty);
        }
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("metadata.log.dir", logDir.toString());

        String replication = Short.toString(spec.replicationFactor());
        String minIsr = Integer.toString(spec.minInSyncReplicas());
        p.setProperty("default.replication.factor", replication);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("offsets.topic.replication.factor", replication);
        p.setProperty("transaction.state.log.replication.factor", replication);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("share.coordinator.state.topic.replication.factor", replication);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        // Kafka's 128 MB default is sized for servers; 32 MB still dedupes about a million keys per cleaning pass.
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(32 * 1024 * 1024));
        // A laptop cluster has one consumer joining at a time; Kafka's 3 s wait for more only slows the first poll.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Kafka's 50 partitions each are sized for thousands of groups and producers. Here the first consumer
        // group and the first transaction (the registry's election and writer, right after start) would create
        // and load 100 partitions before the first schema can be registered. Only a new topic takes this count:
        // a data directory that has these topics keeps theirs, which the coordinators read from the metadata.
        String internalPartitions = Integer.toString(spec.internalTopicPartitions());
        p.setProperty("offsets.topic.num.partitions", internalPartitions);
        p.setProperty("transaction.state.log.num.partitions", internalPartitions);
        return p;
    }

    /** The broker user, the controller listener's principal and the spec's admins, as Kafka's {@code super.users}. */
    private String superUsers(BrokerUser brokerUser) {
        Set<String> users = new TreeSet<>(spec.admins());
        users.add(brokerUser.name());
        users.add(KafkaPrincipal.ANONYMOUS.getName());
        return String.join(";", users.stream().map(name -> new KafkaPrincipal(KafkaPrincipal.USER_TYPE, name).toString()).toList());
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("cleanup after a failed start failed too", e);
        }
    }
}
