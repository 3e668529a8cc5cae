package io.tillstream.cli;

import io.tillstream.registry.testing.KafkaWithRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleCommandTest {

    private static final KafkaWithRegistry stack = KafkaWithRegistry.shared();

    @Test
    void theStandaloneConsoleServesAnyClusterAndStopsOnRequest() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        CommandLine commandLine = Tillstream.commandLine();
        ConsoleCommand command = commandLine.getSubcommands().get("console").getCommand();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("console",
            "--bootstrap-server", stack.bootstrapServers(), "--registry-url", stack.registryUrl(),
            "--port", "" + port, "--read-only", "--lake-path", "lake-dir", "--lake-group", "landing"));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("is up") || exit.isDone());
        assertThat(out.toString()).startsWith("Control Center is up at http://127.0.0.1:" + port
            + " for Kafka at " + stack.bootstrapServers() + " (read-only)");
        assertThat(UpCommandTest.httpGet("http://127.0.0.1:" + port + "/api/v1/cluster")).contains("\"brokers\"");
        assertThat(UpCommandTest.httpGet("http://127.0.0.1:" + port + "/api/v1/lake"))
            .contains("\"groupId\":\"landing\"", "\"path\":\"lake-dir\"", "\"exists\":false");

        command.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).endsWith("Stopping...\nStopped.\n");
    }

    @Test
    void aSalesApiUrlThatIsNoHttpUrlIsAUsageError() {
        Cli.Result result = Cli.run("console", "--bootstrap-server", stack.bootstrapServers(),
            "--sales-api-url", "localhost:7070");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).startsWith("error: ").contains("localhost:7070", "http://127.0.0.1:7070").hasLineCount(1);
    }

    @Test
    void aTakenPortIsReportedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Cli.Result result = Cli.run("console", "--bootstrap-server", stack.bootstrapServers(),
                "--port", "" + taken.getLocalPort());

            assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(result.err()).startsWith("error: ").contains("" + taken.getLocalPort()).hasLineCount(1);
        }
    }

    @Test
    void aBadClustersFileIsReportedInOneLineNamingFileAndKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("clusters.properties"),
            "clusters=main,second\ncluster.main.bootstrap.servers=" + stack.bootstrapServers() + "\n");

        Cli.Result result = Cli.run("console", "--clusters", file.toString(), "--port", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).isEqualTo("error: " + file + ": cluster.second.bootstrap.servers: missing; every cluster"
            + " needs its brokers\n");
    }

    @Test
    void aClustersFileTakesThePlaceOfTheBootstrapServer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("clusters.properties"),
            "clusters=main\ncluster.main.bootstrap.servers=" + stack.bootstrapServers() + "\n");

        Cli.Result result = Cli.run("console", "--clusters", file.toString(), "--bootstrap-server", stack.bootstrapServers());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).startsWith("error: --clusters").contains("--bootstrap-server").hasLineCount(1);
    }
}
