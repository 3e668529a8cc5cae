package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.security.Truststore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void theDemoRunsTheWholeFlowInProtobufAndTheSalesTotalsGrowWhileItRuns() throws Exception {
        Path dataDir = temp.resolve("data");
        RunningDemo demo = RunningDemo.start(dataDir, "--format", "protobuf");
        DemoCommand command = demo.command();
        StringWriter out = demo.out();
        StringWriter err = demo.err();
        CompletableFuture<Integer> exit = demo.exit();

        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> out.toString().contains("Try,") || exit.isDone());
        assertThat(exit).as("demo still running; stderr: " + err).isNotDone();
        assertThat(out.toString()).startsWith("Tillstream demo is running. Ctrl-C stops it.\n")
            .contains("Sales generator   50 synthetic sales a second into raw_data as protobuf (seed 3)")
            .contains("  Control Center    http://127.0.0.1:")
            .contains("./tillstream consume")
            .contains("  Lake (Parquet)    " + dataDir.resolve("lake").toAbsolutePath());
        String byMall = url(out.toString(), "curl -s (\\S+/by-mall)");
        String console = url(out.toString(), "Control Center +(\\S+)/#/sales");

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .until(() -> invoices(byMall) >= 20);
        long earlier = invoices(byMall);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .until(() -> invoices(byMall) > earlier);
        // The console's Sales page reads the same processor.
        assertThat(UpCommandTest.httpGet(console + "/api/v1/info")).contains("\"salesApi\":true");
        assertThat(invoices(console + "/api/v1/sales/by-mall")).isGreaterThan(earlier);
        // Its Lake page watches the demo's sink: its default group, and the directory it lands in.
        assertThat(UpCommandTest.httpGet(console + "/api/v1/lake")).contains("\"groupId\":\"tillstream-sink\"",
            "\"path\":\"" + dataDir.resolve("lake").toAbsolutePath() + "\"");

        command.stop();
        assertThat(exit.get(90, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).endsWith("Stopping...\nStopped.\n");
        assertThat(err.toString()).doesNotContain("warning: the sales generator stopped")
            .doesNotContain("warning: the lake sink stopped");
        // Stopping completes the sink's open files: the enriched sales are in the lake.
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dataDir.resolve("lake"))) {
            assertThat(files.map(Path::toString).filter(name -> name.endsWith(".parquet")))
                .isNotEmpty().allMatch(name -> name.contains("/invoice_year="));
        }
    }

    @Test
    void aSecuredDemoServesItsUsersOverTlsOnly() throws Exception {
        Path dataDir = temp.resolve("data");
        Path users = Files.writeString(temp.resolve("users"), "ada: adapw,admin\nvic: vicpw,viewer\n");
        RunningDemo demo = RunningDemo.start(dataDir, "--users-file", users.toString(), "--tls");
        DemoCommand command = demo.command();
        StringWriter out = demo.out();
        StringWriter err = demo.err();
        CompletableFuture<Integer> exit = demo.exit();

        Awaitility.await().atMost(Duration.ofMinutes(4)).until(() -> out.toString().contains("Try,") || exit.isDone());
        assertThat(exit).as("demo still running; stderr: " + err).isNotDone();
        String byMall = url(out.toString(), "curl -s .* (https://\\S+/by-mall)");
        String console = url(out.toString(), "Control Center +(https://\\S+)/#/sales");
        Properties client = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("client.properties"))) {
            client.load(in);
        }
        HttpClient trusting = HttpClient.newBuilder().sslContext(new Truststore(dataDir.resolve("tls/truststore.p12"),
            client.getProperty("ssl.truststore.password"), "PKCS12").sslContext()).build();
        Function<String, HttpResponse<String>> asViewer = url -> {
            try {
                return trusting.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("vic:vicpw".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .until(() -> invoicesIn(asViewer.apply(byMall).body()) >= 20);
        long earlier = invoicesIn(asViewer.apply(byMall).body());
        assertThat(invoicesIn(asViewer.apply(console + "/api/v1/sales/by-mall").body())).isGreaterThanOrEqualTo(earlier);
        assertThat(asViewer.apply(console + "/api/v1/info").body()).contains("\"readOnly\":true", "\"user\":\"vic\"");
        assertThat(trusting.send(HttpRequest.newBuilder(URI.create(byMall)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode()).isEqualTo(401);

        command.stop();
        assertThat(exit.get(90, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).doesNotContain("warning: the sales generator stopped");
    }

    private static String url(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as("'" + pattern + "' in " + text).isTrue();
        return m.group(1);
    }

    /** Invoices counted over every mall, from the processor's HTTP API. */
    private static long invoices(String byMallUrl) throws Exception {
        return invoicesIn(UpCommandTest.httpGet(byMallUrl));
    }

    private static long invoicesIn(String json) {
        Matcher m = Pattern.compile("\"invoices\":(\\d+)").matcher(json);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** {@code demo} started in this JVM on free ports (50 sales a second, seed 3) with {@code extra} options. */
    private record RunningDemo(DemoCommand command, StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {

        static RunningDemo start(Path dataDir, String... extra) throws Exception {
            ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
            CommandLine commandLine = Tillstream.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            List<String> args = new ArrayList<>(List.of("demo", "--data-dir", dataDir.toString(),
                "--kafka-port", "" + ports.clientPort(), "--controller-port", "" + ports.controllerPort(),
                "--registry-port", "0", "--console-port", "0", "--http-port", "0", "--rate", "50", "--seed", "3"));
            args.addAll(List.of(extra));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args.toArray(String[]::new)));
            return new RunningDemo(commandLine.getSubcommands().get("demo").getCommand(), out, err, exit);
        }
    }
}
