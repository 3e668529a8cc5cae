package io.tillstream.cluster.testing;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.PortInUseException;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real local Kafka clusters for tests in any module, on ports nobody else holds, so tests can run
 * beside a developer's own {@code tillstream up}. Other modules use it through this module's test jar.
 */
public final class TestClusters {

    private static final int ATTEMPTS = 20;

    private TestClusters() {
    }

    /** Starts a cluster of {@code nodes} nodes with its data under {@code dataDir}. */
    public static LocalCluster start(Path dataDir, int nodes) {
        LocalCluster cluster = LocalCluster.prepare(freePorts(ClusterSpec.local(dataDir, nodes)));
        cluster.start();
        return cluster;
    }

    /** {@code spec} moved to a block of ports that is free right now. */
    public static ClusterSpec freePorts(ClusterSpec spec) {
        PortInUseException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int base = 20_000 + 2 * ThreadLocalRandom.current().nextInt(10_000);
            ClusterSpec candidate = spec.withPorts(base, base + 1);
            try {
                LocalCluster.checkPortsFree(candidate);
                return candidate;
            } catch (PortInUseException e) {
                last = e;
            }
        }
        throw last;
    }
}
