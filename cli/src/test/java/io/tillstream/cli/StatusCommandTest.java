package io.tillstream.cli;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void aHealthyClusterReportsItsBrokersAndQuorumAndExitsZero() {
        try (LocalCluster cluster = TestClusters.start(dataDir, 1)) {
            Cli.Result status = Cli.run("status", "--bootstrap-server", cluster.bootstrapServers());

            assertThat(status.exitCode()).isZero();
            assertThat(status.out())
                .contains("Cluster      " + cluster.clusterId())
                .contains("Controller   KRaft, leader node 0, voters 0")
                .contains("Brokers      1: 0 at 127.0.0.1:" + cluster.spec().clientPort())
                .contains("Partitions   0 under-replicated, 0 offline")
                .contains("Health       OK");
        }
    }

    @Test
    void aStoppedNodeLeavesPartitionsUnderReplicatedAndTheExitCodeSaysSo() {
        try (LocalCluster cluster = TestClusters.start(dataDir, 3)) {
            String bootstrap = cluster.bootstrapServers();
            assertThat(Cli.run("topics", "create", "--topic", "sales", "--partitions", "3",
                "--bootstrap-server", bootstrap).exitCode()).isZero();

            cluster.stopNode(2);
            Cli.Result status = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Cli.run("status", "--bootstrap-server", bootstrap), r -> r.exitCode() != ExitCode.OK);

            assertThat(status.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(status.out())
                .contains("Brokers      2: 0 at ", "1 at ")
                .contains("Partitions   3 under-replicated, 0 offline")
                .contains("sales-0: under-replicated (replicas ")
                .contains("Health       DEGRADED");
        }
    }

    @Test
    void anUnreachableClusterExitsWithThree() {
        Cli.Result status = Cli.run("status", "--bootstrap-server", "127.0.0.1:1", "--timeout", "1s");

        assertThat(status.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(status.err()).startsWith("error: cannot reach Kafka at 127.0.0.1:1").hasLineCount(1);
    }
}
