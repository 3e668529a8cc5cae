package io.tillstream.cli;

import io.tillstream.retail.RawData;
import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.PipelineApi;
import io.tillstream.pipeline.testing.TestPlatform;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCommandTest {

    private static final String SOURCE = RawData.TOPIC;
    private static final int SALES = 50_000;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final TestPlatform platform = TestPlatform.get();

    @TempDir
    Path work;

    @BeforeAll
    static void createSourceTopic() {
        platform.createTopic(SOURCE, 6);
    }

    @Test
    void aProcessorKilledMidwayAndRestartedEndsWithExactTotalsAndEverySaleEnrichedOnce() throws Exception {
        int port = freePort();
        String applicationId = TestPlatform.unique("app");
        Path config = Files.writeString(work.resolve("client.properties"),
            "# A killed member leaves the group after this long, instead of 45 s\nsession.timeout.ms=6000\nheartbeat.interval.ms=2000\n");
        List<String> command = List.of(javaBinary(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            Tillstream.class.getName(), "process", "-v", "--bootstrap-server", platform.bootstrapServers(),
            "--registry-url", platform.registryUrl(), "--application-id", applicationId,
            "--http-port", Integer.toString(port), "--state-dir", work.resolve("state").toString(),
            "--stream-threads", "2", "--command-config", config.toString());
        PipelineApi api = new PipelineApi("http://127.0.0.1:" + port);
        GeneratedSales generated = new GeneratedSales(5);
        // Sales keep coming while the processor is killed and restarted, from a thread of their own rather than the
        // common pool, where other tests run commands that last minutes.
        ExecutorService producer = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            for (int sent = 0; sent < SALES; sent += 2_500) {
                generated.send(platform, SOURCE, 2_500);
                pause(Duration.ofMillis(250));
            }
        }, producer);
        producer.shutdown();

        Process first = start(command, work.resolve("first.out"));
        AtomicLong countedBeforeKill = new AtomicLong();
        try {
            Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
                countedBeforeKill.set(api.invoicesCounted());
                assertThat(countedBeforeKill.get())
                    .as(() -> "sales counted before the kill (the test's producer " + state(producing)
                        + "); the processor's last warnings:\n" + warnings(work.resolve("first.log")))
                    .isGreaterThanOrEqualTo(10_000);
            });
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(countedBeforeKill.get()).as("sales counted when killed").isLessThan(SALES);

        Process second = start(command, work.resolve("second.out"));
        try {
            producing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            Awaitility.await().atMost(PATIENCE.multipliedBy(2)).untilAsserted(() -> assertThat(api.invoicesCounted())
                .as(() -> "sales counted after the restart; " + SOURCE + "'s end offsets " + platform.endOffsets(SOURCE)
                    + ", the processor's committed offsets " + platform.committedOffsets(applicationId, SOURCE) + ", "
                    + api.get("/api/v1/sales/dead-letters").body().get("total") + " dead letters; the restarted processor's last warnings:\n"
                    + warnings(work.resolve("second.log")))
                .isEqualTo(SALES));

            assertThat(api.rows("/api/v1/sales/by-mall")).isEqualTo(generated.byMall());
            assertThat(api.rows("/api/v1/sales/by-category")).isEqualTo(generated.byCategory());
            assertThat(api.rows("/api/v1/sales/by-payment-method")).isEqualTo(generated.byPaymentMethod());
            assertThat(api.rows("/api/v1/sales/by-day")).isEqualTo(generated.byDay());
            assertThat(api.rows("/api/v1/sales/top-customers?limit=10")).containsExactlyEntriesOf(generated.topCustomers(10));
            assertThat(api.get("/api/v1/sales/dead-letters").body().get("total").asLong()).isZero();
            List<ConsumerRecord<byte[], byte[]>> enriched = platform.readCommitted("sales_enriched", SALES);
            assertThat(enriched).hasSize(SALES);
            assertThat(enriched.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet()))
                .hasSize(SALES);
            Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(platform.latestTotals("sales_by_category")).isEqualTo(generated.byCategory()));
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
        assertThat(Files.readString(work.resolve("second.out"))).startsWith("Processing raw_data as app-")
            .contains(": HTTP API at http://127.0.0.1:" + port + "/api/v1/sales, dead letters to raw_data_dlq, state in "
                + work.resolve("state") + ". Ctrl-C stops it.\n")
            .endsWith("Stopping...\nStopped.\n");
    }

    @Test
    void aProcessorStoppedAndStartedAgainDoesNotWaitForItsOldMembershipToTimeOut() throws Exception {
        String[] args = {"process", "--bootstrap-server", platform.bootstrapServers(), "--registry-url", platform.registryUrl(),
            "--application-id", TestPlatform.unique("restart"), "--http-port", "0", "--state-dir", work.resolve("state").toString()};
        runUntilReadyThenStop(args);

        long restarted = System.nanoTime();
        runUntilReadyThenStop(args);

        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("a member that did not leave is dropped after 45 s")
            .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void zeroStreamThreadsIsAUsageError() {
        Cli.Result result = Cli.run("process", "--bootstrap-server", platform.bootstrapServers(), "--stream-threads", "0",
            "--state-dir", work.resolve("state").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("error: --stream-threads must be at least 1, not 0\n");
    }

    @Test
    void anUnreachableClusterIsReportedInOneLine() {
        Cli.Result result = Cli.run("process", "--bootstrap-server", "127.0.0.1:1", "--timeout", "2s",
            "--state-dir", work.resolve("state").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).startsWith("error: cannot reach Kafka at 127.0.0.1:1 within 2000 ms").hasLineCount(1);
        assertThat(work.resolve("state")).doesNotExist();
    }

    @Test
    void anUnreachableRegistryIsReportedInOneLineBeforeAnythingIsCreated() {
        Cli.Result result = Cli.run("process", "--bootstrap-server", platform.bootstrapServers(),
            "--registry-url", "http://127.0.0.1:1", "--state-dir", work.resolve("state").toString(), "--http-port", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).startsWith("error: cannot reach the Schema Registry: ").hasLineCount(1);
        assertThat(work.resolve("state")).doesNotExist();
    }

    private static void runUntilReadyThenStop(String... args) throws Exception {
        CommandLine commandLine = Tillstream.commandLine(args);
        ProcessCommand command = commandLine.getSubcommands().get("process").getCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
        Awaitility.await().atMost(PATIENCE).until(() -> out.toString().contains("Ctrl-C stops it.") || exit.isDone());
        assertThat(exit).as("process still running; stderr: %s", err).isNotDone();
        command.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }

    private static Process start(List<String> command, Path output) throws IOException {
        Path log = output.resolveSibling(output.getFileName().toString().replace(".out", ".log"));
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(log.toFile()).start();
        Awaitility.await().atMost(PATIENCE).until(() -> Files.readString(output).contains("Ctrl-C stops it.") || !process.isAlive());
        assertThat(process.isAlive()).as("process is running; its output: %s%s", Files.readString(output), Files.readString(log))
            .isTrue();
        return process;
    }

    /** Whether a background step is still running, finished, or failed and why, for a failure's message. */
    private static String state(CompletableFuture<?> step) {
        if (!step.isDone()) {
            return "is still sending";
        }
        return step.handle((done, failure) -> failure == null ? "has sent everything" : "failed: " + failure).join();
    }

    /** The last warnings and errors Kafka Streams logged (-v), for a failure's message. */
    private static String warnings(Path log) {
        try (var lines = Files.lines(log)) {
            List<String> warnings = lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
            return String.join("\n", warnings.subList(Math.max(0, warnings.size() - 30), warnings.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
