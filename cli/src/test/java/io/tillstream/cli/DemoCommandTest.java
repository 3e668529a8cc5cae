package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.testing.TestClusters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void theDemoRunsTheWholeFlowInProtobufAndTheSalesTotalsGrowWhileItRuns() throws Exception {
        Path dataDir = temp.resolve("data");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        CommandLine commandLine = Tillstream.commandLine();
        DemoCommand command = commandLine.getSubcommands().get("demo").getCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("demo",
            "--data-dir", dataDir.toString(), "--kafka-port", "" + ports.clientPort(),
            "--controller-port", "" + ports.controllerPort(), "--registry-port", "0", "--console-port", "0",
            "--http-port", "0", "--rate", "50", "--seed", "3", "--format", "protobuf"));

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

    private static String url(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as("'" + pattern + "' in " + text).isTrue();
        return m.group(1);
    }

    /** Invoices counted over every mall, from the processor's HTTP API. */
    private static long invoices(String byMallUrl) throws Exception {
        String json = UpCommandTest.httpGet(byMallUrl);
        Matcher m = Pattern.compile("\"invoices\":(\\d+)").matcher(json);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
