package io.tillstream.cli;

import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.TestPlatform;
import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.Sale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SinkCommandTest {

    private static final TestPlatform platform = TestPlatform.get();

    @TempDir
    Path work;

    @Test
    void salesLandInTheirDayDirectoriesAndAnUndecodableRecordGoesToTheDeadLetterTopic() throws Exception {
        String topic = TestPlatform.unique("sink-cli");
        platform.createTopic(topic, 2);
        List<Sale> sales = new GeneratedSales(3).send(platform, topic, 20).sales();
        GeneratedSales.sendRaw(platform, topic, "bad".getBytes(StandardCharsets.UTF_8),
            "not a sale".getBytes(StandardCharsets.UTF_8));
        Path lake = work.resolve("lake");
        CommandLine commandLine = Tillstream.commandLine(new String[] {"sink"});
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(commandLine, "sink",
            "--topic", topic, "--path", lake.toString(), "--group", TestPlatform.unique("sink-cli"),
            "--roll-interval", "200ms", "--status-interval", "200ms",
            "--bootstrap-server", platform.bootstrapServers(), "--registry-url", platform.registryUrl()));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.isDirectory(lake) && parquetFiles(lake).size() >= 1);
        commandLine.getSubcommands().get("sink").<SinkCommand>getCommand().stop();
        Cli.Result result = run.get(60, TimeUnit.SECONDS);
        List<ConsumerRecord<byte[], byte[]>> letters = platform.readCommitted(topic + "_dlq", 1);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Landing " + topic + " into " + lake.toAbsolutePath());
        assertThat(result.err()).contains("20 records in").contains("1 dead letters");
        String day = sales.get(0).getInvoiceDate().getYear() + "/invoice_month=" + sales.get(0).getInvoiceDate().getMonthValue()
            + "/invoice_day=" + sales.get(0).getInvoiceDate().getDayOfMonth();
        assertThat(parquetFiles(lake)).isNotEmpty().allSatisfy(file -> {
            assertThat(file.toString()).contains("invoice_year=" + day);
            assertThat(file.getFileName().toString()).matches(topic.replace("-", "\\-") + "\\+[01]\\+\\d{10}\\.zstd\\.parquet");
        });
        assertThat(letters).hasSize(1);
        assertThat(header(letters.get(0), DeadLetters.ERROR_REASON_HEADER)).contains("partition").contains("offset");
        assertThat(header(letters.get(0), DeadLetters.SOURCE_TOPIC_HEADER)).isEqualTo(topic);
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not a sale");
    }

    @Test
    void withExitAtEndTheSinkLandsWhatTheTopicHoldsAndExitsAndTheNextRunResumesFromThere() throws Exception {
        String topic = TestPlatform.unique("sink-end");
        platform.createTopic(topic, 3);
        new GeneratedSales(4).send(platform, topic, 30);
        Path lake = work.resolve("lake");
        String group = TestPlatform.unique("sink-end");
        String[] args = {"sink", "--exit-at-end", "--topic", topic, "--path", lake.toString(), "--group", group,
            // Far beyond the test's time: only reaching the end completes the files.
            "--roll-interval", "1h", "--bootstrap-server", platform.bootstrapServers(), "--registry-url", platform.registryUrl()};

        Cli.Result first = CompletableFuture.supplyAsync(() -> Cli.run(args)).get(60, TimeUnit.SECONDS);
        List<Path> files = parquetFiles(lake);
        new GeneratedSales(5).send(platform, topic, 6);
        Cli.Result second = CompletableFuture.supplyAsync(() -> Cli.run(args)).get(60, TimeUnit.SECONDS);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("It exits once it has landed what the topic holds now.");
        assertThat(first.err().lines().reduce((a, b) -> b).orElseThrow())
            .startsWith("30 records in " + files.size() + " files landed, 0 open").endsWith("lag 0");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err().lines().reduce((a, b) -> b).orElseThrow()).startsWith("6 records in ").endsWith("lag 0");
        assertThat(parquetFiles(lake)).containsAll(files).hasSizeGreaterThan(files.size());
    }

    @Test
    void anUnknownCompressionIsAUsageError() {
        Cli.Result result = Cli.run("sink", "--path", work.toString(), "--compression", "lzo");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).isEqualTo("error: --compression: compression must be one of zstd, snappy, gzip, none, not 'lzo'");
    }

    @Test
    void aMemoryBoundUnder64KiBIsAUsageError() {
        Cli.Result result = Cli.run("sink", "--path", work.toString(), "--held-max-bytes", "1000");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).isEqualTo("error: --held-max-bytes must be at least 65536, not 1000");
    }

    @Test
    void aTopicThatDoesNotExistIsReportedInOneLine() {
        Cli.Result result = Cli.run("sink", "--topic", "no-such-topic", "--path", work.toString(),
            "--bootstrap-server", platform.bootstrapServers(), "--registry-url", platform.registryUrl());
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err().strip()).isEqualTo("error: topic 'no-such-topic' does not exist");
    }

    @Test
    void kafkaThatDoesNotAnswerIsUnreachable() {
        Cli.Result result = Cli.run("sink", "--path", work.toString(), "--bootstrap-server", "127.0.0.1:1", "--timeout", "2s");
        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).hasLineCount(1)
            .startsWith("error: cannot reach Kafka at 127.0.0.1:1 within 2000 ms; is it running? ('tillstream up' starts one)");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<Path> parquetFiles(Path lake) throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".parquet")).toList();
        }
    }
}
