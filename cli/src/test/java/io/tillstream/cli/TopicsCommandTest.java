package io.tillstream.cli;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsCommandTest {

    @TempDir
    static Path dataDir;
    static LocalCluster cluster;
    static String bootstrap;

    @BeforeAll
    static void startCluster() {
        cluster = TestClusters.start(dataDir, 1);
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aTopicCanBeCreatedListedDescribedAndDeleted() {
        Cli.Result created = topics("create", "--topic", "orders", "--partitions", "4", "--config", "retention.ms=3600000");
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).isEqualTo("Created topic orders.\n");

        assertThat(topics("list").out().lines()).contains("orders");

        Cli.Result described = topics("describe", "--topic", "orders");
        assertThat(described.exitCode()).isZero();
        assertThat(described.out()).contains("Topic: orders\t", "PartitionCount: 4", "ReplicationFactor: 1",
            "Configs: retention.ms=3600000");
        assertThat(described.out().lines().filter(l -> l.startsWith("\tTopic: orders\tPartition: "))).hasSize(4);

        Cli.Result deleted = topics("delete", "--topic", "orders");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted topic orders.\n");
        assertThat(topics("list").out().lines()).doesNotContain("orders");
    }

    @Test
    void creatingATopicThatExistsFailsWithOneLineUnlessAskedToIgnoreIt() {
        assertThat(topics("create", "--topic", "twice").exitCode()).isZero();

        Cli.Result again = topics("create", "--topic", "twice");
        assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(again.err()).isEqualTo("error: topic 'twice' already exists\n");

        assertThat(topics("create", "--topic", "twice", "--if-not-exists").exitCode()).isZero();
    }

    @Test
    void describingOrDeletingAMissingTopicNamesIt() {
        Cli.Result describe = topics("describe", "--topic", "nowhere");
        assertThat(describe.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(describe.err()).isEqualTo("error: topic 'nowhere' does not exist\n");

        Cli.Result delete = topics("delete", "--topic", "nowhere");
        assertThat(delete.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(delete.err()).isEqualTo("error: topic 'nowhere' does not exist\n");

        assertThat(topics("delete", "--topic", "nowhere", "--if-exists").exitCode()).isZero();
    }

    @Test
    void aReplicationFactorTheClusterCannotMeetIsRefusedByKafka() {
        Cli.Result result = topics("create", "--topic", "wide", "--replication-factor", "3");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).startsWith("error: cannot create topic 'wide': ").contains("replication factor")
            .hasLineCount(1);
    }

    @Test
    void aNonPositivePartitionCountIsAUsageError() {
        Cli.Result result = topics("create", "--topic", "none", "--partitions", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("error: --partitions must be at least 1, not 0\n");
    }

    @Test
    void anUnreachableClusterIsReportedOnceWithItsAddressAndExitCodeThree() {
        Cli.Result result = Cli.run("topics", "list", "--bootstrap-server", "127.0.0.1:1", "--timeout", "2s");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).isEqualTo(
            "error: cannot reach Kafka at 127.0.0.1:1 within 2s; is it running? ('tillstream up' starts one)\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void theCommandConfigFileIsAppliedToTheConnection(@TempDir Path dir) throws Exception {
        Path sslConfig = Files.writeString(dir.resolve("client.properties"), "security.protocol=SSL\n");

        Cli.Result result = Cli.run("topics", "list", "--bootstrap-server", bootstrap,
            "--command-config", sslConfig.toString(), "--timeout", "3s");

        assertThat(result.exitCode()).as("TLS against a plaintext listener cannot connect").isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).hasLineCount(1).startsWith("error: ");
    }

    @Test
    void aMissingCommandConfigFileIsAUsageError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        Cli.Result result = Cli.run("topics", "list", "--bootstrap-server", bootstrap, "--command-config", missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("error: --command-config " + missing + ": no such file\n");
    }

    private static Cli.Result topics(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "topics";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--bootstrap-server";
        full[args.length + 2] = bootstrap;
        return Cli.run(full);
    }
}
