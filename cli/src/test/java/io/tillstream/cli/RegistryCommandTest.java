package io.tillstream.cli;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void theStandaloneRegistryServesAgainstAnyClusterAndStopsOnRequest() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (LocalCluster cluster = TestClusters.start(dataDir, 1)) {
            CommandLine commandLine = Tillstream.commandLine();
            RegistryCommand command = commandLine.getSubcommands().get("registry").getCommand();
            StringWriter out = new StringWriter();
            commandLine.setOut(new PrintWriter(out, true));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("registry",
                "--bootstrap-server", cluster.bootstrapServers(), "--listeners", "http://127.0.0.1:" + port));

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("is up") || exit.isDone());
            assertThat(out.toString()).startsWith("Schema Registry is up at http://127.0.0.1:" + port
                + ", schemas in topic _schemas on " + cluster.bootstrapServers());
            assertThat(UpCommandTest.httpGet("http://127.0.0.1:" + port + "/schemas/types"))
                .isEqualTo("[\"AVRO\",\"JSON\",\"PROTOBUF\"]");

            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString()).endsWith("Stopping...\nStopped.\n");
        }
    }

    @Test
    void aSchemasTopicThatIsNotCompactedIsRefusedInOneLineWithExitOne() throws Exception {
        try (LocalCluster cluster = TestClusters.start(dataDir, 1);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("schemas_kept_a_week", 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))).all().get();

            Cli.Result result = Cli.run("registry", "--bootstrap-server", cluster.bootstrapServers(),
                "--topic", "schemas_kept_a_week", "--listeners", "http://127.0.0.1:0");

            assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(result.err()).startsWith("error: Topic schemas_kept_a_week has cleanup.policy=delete;").hasLineCount(1);
        }
    }

    @Test
    void anUnreachableClusterIsReportedInOneLine() {
        Cli.Result result = Cli.run("registry", "--bootstrap-server", "127.0.0.1:1", "--timeout", "2s",
            "--listeners", "http://127.0.0.1:0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:1 within 2000 ms "
            + "(kafkastore.init.timeout.ms); is it running? ('tillstream up' starts one)\n");
    }
}
