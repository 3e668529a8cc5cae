package io.tillstream.cluster;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The on-disk home of a local cluster.
 *
 * <pre>
 * data/
 *   cluster.properties   the cluster's identity: its Kafka cluster id and node count
 *   node-0/ ...          each node's log directory (topic partitions and the KRaft metadata log)
 *   logs/tillstream.log  what the brokers log
 * </pre>
 *
 * A directory that holds files but no {@code cluster.properties} belongs to something else and is
 * refused rather than written into.
 */
public final class DataDirectory {

    static final String IDENTITY_FILE = "cluster.properties";
    static final String BROKER_USER_FILE = "broker-user.properties";
    private static final String CLUSTER_ID = "cluster.id";
    private static final String NODES = "nodes";
    /** Written by the logging set-up before the cluster starts, so its presence alone does not make a directory foreign. */
    /** Where a TLS cluster's local certificates live; made before the cluster starts, so they may come first. */
    public static final String TLS_DIRECTORY = "tls";
    private static final Set<String> OWN_ENTRIES = Set.of(IDENTITY_FILE, "logs", TLS_DIRECTORY);

    private final Path root;
    private final String clusterId;
    private final boolean fresh;

    private DataDirectory(Path root, String clusterId, boolean fresh) {
        this.root = root;
        this.clusterId = clusterId;
        this.fresh = fresh;
    }

    /**
     * Opens the data directory for {@code spec}, creating it and a new cluster identity on first use.
     *
     * @throws DataDirectoryException if it cannot be created or written, belongs to something else,
     *                                or holds a cluster of another size
     */
    public static DataDirectory open(ClusterSpec spec) {
        Path root = spec.dataDir().toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new DataDirectoryException("data directory " + root + " is a file, not a directory");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new DataDirectoryException("cannot create data directory " + root + ": " + describe(e), e);
        }
        checkWritable(root);
        Path identity = root.resolve(IDENTITY_FILE);
        if (Files.exists(identity)) {
            return existing(root, identity, spec.nodeCount());
        }
        checkHoldsNothingForeign(root);
        String clusterId = Uuid.randomUuid().toString();
        Properties props = new Properties();
        props.setProperty(CLUSTER_ID, clusterId);
        props.setProperty(NODES, Integer.toString(spec.nodeCount()));
        try (Writer out = Files.newBufferedWriter(identity)) {
            props.store(out, "Tillstream local cluster; delete this directory to start afresh");
        } catch (IOException e) {
            throw new DataDirectoryException("cannot write " + identity + ": " + describe(e), e);
        }
        return new DataDirectory(root, clusterId, true);
    }

    private static DataDirectory existing(Path root, Path identity, int nodeCount) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(identity)) {
            props.load(in);
        } catch (IOException e) {
            throw new DataDirectoryException("cannot read " + identity + ": " + describe(e), e);
        }
        String clusterId = props.getProperty(CLUSTER_ID);
        String nodes = props.getProperty(NODES);
        if (clusterId == null || nodes == null) {
            throw new DataDirectoryException(identity + " is damaged: it lacks " + (clusterId == null ? CLUSTER_ID : NODES));
        }
        if (!nodes.equals(Integer.toString(nodeCount))) {
            throw new DataDirectoryException("data directory " + root + " holds a " + nodes + "-node cluster, not "
                + nodeCount + "; start it with --brokers " + nodes + " or use another --data-dir");
        }
        return new DataDirectory(root, clusterId, false);
    }

    private static void checkWritable(Path root) {
        try {
            Files.delete(Files.createTempFile(root, ".write-check", ""));
        } catch (IOException e) {
            throw new DataDirectoryException("data directory " + root + " is not writable: " + describe(e), e);
        }
    }

    private static void checkHoldsNothingForeign(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            entries.map(p -> p.getFileName().toString())
                .filter(name -> !OWN_ENTRIES.contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new DataDirectoryException("data directory " + root + " is not a Tillstream data directory"
                        + " (it holds '" + name + "' but no " + IDENTITY_FILE + "); use an empty or new --data-dir");
                });
        } catch (IOException e) {
            throw new DataDirectoryException("cannot list data directory " + root + ": " + describe(e), e);
        }
    }

    /**
     * The user the brokers of a SASL cluster sign in as: made (and kept in {@value #BROKER_USER_FILE},
     * readable by its owner only) while no node is formatted yet, since formatting writes its credential.
     *
     * @throws DataDirectoryException if the nodes were formatted without it, or the file cannot be used
     */
    public BrokerUser brokerUser() {
        Path file = root.resolve(BROKER_USER_FILE);
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new DataDirectoryException("cannot read " + file + ": " + describe(e), e);
            }
            String name = props.getProperty("username");
            String password = props.getProperty("password");
            if (name == null || password == null) {
                throw new DataDirectoryException(file + " is damaged: it needs username and password");
            }
            return new BrokerUser(name, password);
        }
        if (Files.exists(nodeDir(0).resolve("meta.properties"))) {
            throw new DataDirectoryException("data directory " + root + " was created without --users-file: a SASL"
                + " cluster's broker user is written when its storage is formatted; use a new --data-dir for a secured"
                + " cluster, or start this one without --users-file");
        }
        BrokerUser user = BrokerUser.generate();
        props.setProperty("username", user.name());
        props.setProperty("password", user.password());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file)) {
                props.store(out, "The Kafka user the brokers and Tillstream's own components sign in as");
            }
        } catch (IOException e) {
            throw new DataDirectoryException("cannot write " + file + ": " + describe(e), e);
        }
        return user;
    }

    /** Where the brokers of this cluster log to. */
    public Path logFile() {
        return root.resolve("logs").resolve("tillstream.log");
    }

    public Path root() {
        return root;
    }

    public String clusterId() {
        return clusterId;
    }

    /** True when this run created the directory's identity, i.e. the cluster starts for the first time. */
    public boolean fresh() {
        return fresh;
    }

    public Path nodeDir(int nodeId) {
        return root.resolve("node-" + nodeId);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + message;
    }
}
