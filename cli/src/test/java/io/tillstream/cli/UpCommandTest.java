package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.testing.TestClusters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UpCommandTest {

    @TempDir
    Path temp;

    @Test
    void upStartsKafkaWithTheSalesTopicAndASecondStartFindsTheSameCluster() throws Exception {
        Path dataDir = temp.resolve("data");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        String bootstrap = "127.0.0.1:" + ports.clientPort();
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + ports.clientPort(),
            "--controller-port", "" + ports.controllerPort(), "--partitions", "4", "--registry-port", "0", "--console-port", "0"};

        try (RunningUp up = RunningUp.start(args)) {
            assertThat(up.readyLine()).startsWith("Tillstream is up: Kafka 4.")
                .contains("at " + bootstrap + " (1 node, KRaft), topic raw_data with 4 partitions, Schema Registry at http://127.0.0.1:")
                .contains(", Control Center at http://127.0.0.1:")
                .endsWith("data in " + dataDir + ". Ctrl-C stops it.");
            assertThat(httpGet(up.registryUrl() + "/subjects")).isEqualTo("[]");
            assertThat(httpGet(up.consoleUrl() + "/api/v1/cluster")).contains("\"brokers\"");
            Cli.Result described = Cli.run("topics", "describe", "--topic", "raw_data", "--bootstrap-server", bootstrap);
            assertThat(described.out()).contains("PartitionCount: 4");
            assertThat(Cli.run("topics", "create", "--topic", "kept", "--bootstrap-server", bootstrap).exitCode()).isZero();
        }
        assertThat(Files.readString(dataDir.resolve("logs/tillstream.log"))).as("broker logs go to the file")
            .contains("Kafka version: 4.");

        try (RunningUp up = RunningUp.start(args)) {
            assertThat(up.readyLine()).contains("topic raw_data with 4 partitions");
            assertThat(Cli.run("topics", "list", "--bootstrap-server", bootstrap).out().lines()).contains("raw_data", "kept");
        }
    }

    @Test
    void aTakenPortFailsWithOneLineAndLeavesNothingBehind() throws Exception {
        Path dataDir = temp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Cli.Result result = Cli.run("up", "--data-dir", dataDir.toString(), "--kafka-port", "" + port,
                "--controller-port", "" + (port + 1), "--registry-port", "0", "--console-port", "0");

            assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(result.err()).isEqualTo("error: port " + port + " on 127.0.0.1 (Kafka clients, node 0) is already in use;"
                + " stop what holds it or pick other ports\n");
            assertThat(Files.exists(dataDir)).isFalse();
        }
    }

    @Test
    void aTakenRegistryPortFailsBeforeKafkaStarts() throws Exception {
        Path dataDir = temp.resolve("data");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Cli.Result result = Cli.run("up", "--data-dir", dataDir.toString(), "--kafka-port", "" + ports.clientPort(),
                "--controller-port", "" + ports.controllerPort(), "--registry-port", "" + taken.getLocalPort(), "--console-port", "0");

            assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(result.err()).isEqualTo("error: port " + taken.getLocalPort()
                + " on 127.0.0.1 (Schema Registry) is already in use; stop what holds it or pick other ports\n");
            assertThat(Files.exists(dataDir)).isFalse();
        }
    }

    @Test
    void withoutTheConsoleUpNeitherNeedsNorMentionsItsPort() throws Exception {
        Path dataDir = temp.resolve("data");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             RunningUp up = RunningUp.start("up", "--data-dir", dataDir.toString(), "--kafka-port", "" + ports.clientPort(),
                 "--controller-port", "" + ports.controllerPort(), "--registry-port", "0",
                 "--console-port", "" + taken.getLocalPort(), "--no-console")) {
            assertThat(up.readyLine()).doesNotContain("Control Center").contains(", data in " + dataDir + ".");
            assertThat(httpGet(up.registryUrl() + "/subjects")).isEqualTo("[]");
        }
    }

    @Test
    void aForeignDataDirectoryIsRefusedWithoutWritingIntoIt() throws Exception {
        Path foreign = Files.createDirectories(temp.resolve("home"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(foreign, 1));

        Cli.Result result = Cli.run("up", "--data-dir", foreign.toString(), "--kafka-port", "" + ports.clientPort(),
            "--controller-port", "" + ports.controllerPort(), "--registry-port", "0", "--console-port", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).startsWith("error: data directory " + foreign + " is not a Tillstream data directory")
            .hasLineCount(1);
        try (var entries = Files.list(foreign)) {
            assertThat(entries).containsExactly(foreign.resolve("notes.txt"));
        }
    }

    @Test
    void aNodeCountOutsideOneToFiveIsAUsageError() {
        Cli.Result result = Cli.run("up", "--brokers", "6", "--data-dir", temp.resolve("data").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("error: --brokers must be 1 to 5, not 6\n");
    }

    @Test
    void advertisingAHostBeyondLoopbackWarnsThatThereIsNoAuthentication() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        Path dataDir = temp.resolve("data");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1).withAdvertisedHost(host));

        try (RunningUp up = RunningUp.start("up", "--data-dir", dataDir.toString(), "--advertised-host", host,
            "--kafka-port", "" + ports.clientPort(), "--controller-port", "" + ports.controllerPort(), "--registry-port", "0", "--console-port", "0")) {
            assertThat(up.readyLine()).contains("at " + host + ":" + ports.clientPort()).contains("Schema Registry at http://" + host + ":");
            assertThat(up.err()).contains("warning: Kafka, the Schema Registry and the Control Center listen on every interface"
                + " without authentication");
        }
    }

    static String httpGet(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    /** {@code tillstream up} running on a background thread, stopped as Ctrl-C would stop it. */
    static final class RunningUp implements AutoCloseable {
        private final UpCommand command;
        private final CompletableFuture<Integer> exit;
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();

        private RunningUp(String... args) {
            CommandLine commandLine = Tillstream.commandLine();
            command = commandLine.getSubcommands().get("up").getCommand();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
        }

        static RunningUp start(String... args) {
            return start(Duration.ofSeconds(60), args);
        }

        static RunningUp start(Duration patience, String... args) {
            RunningUp up = new RunningUp(args);
            Awaitility.await().atMost(patience)
                .until(() -> up.out.toString().contains("Ctrl-C stops it.\n") || up.exit.isDone());
            assertThat(up.exit).as("up is still running; stderr: " + up.err).isNotDone();
            return up;
        }

        String readyLine() {
            return out.toString().lines().filter(l -> l.startsWith("Tillstream is up")).findFirst().orElseThrow();
        }

        String registryUrl() {
            return urlAfter("Schema Registry at ");
        }

        String consoleUrl() {
            return urlAfter("Control Center at ");
        }

        private String urlAfter(String label) {
            String line = readyLine();
            int start = line.indexOf(label) + label.length();
            return line.substring(start, line.indexOf(',', start));
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        @Override
        public void close() throws Exception {
            command.stop();
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString()).endsWith("Stopping...\nStopped.\n");
        }
    }
}
