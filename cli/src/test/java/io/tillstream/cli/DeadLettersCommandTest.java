package io.tillstream.cli;

import io.tillstream.pipeline.SalesPipeline;
import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.MirroredSale;
import io.tillstream.pipeline.testing.PipelineApi;
import io.tillstream.pipeline.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersCommandTest {

    private static final TestPlatform platform = TestPlatform.get();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aDeadLetteredSaleIsListedDecodedDryRunThenRedrivenOnceItsSchemaIsImportedAndCountedOnce() throws Exception {
        String topic = TestPlatform.unique("dlq-cli");
        platform.createTopic(topic, 2);
        try (SalesPipeline pipeline = platform.startPipeline(platform.pipelineSettings(topic, topic + "-app"))) {
            pipeline.awaitRunning(Duration.ofMinutes(2));
            PipelineApi api = new PipelineApi(pipeline.httpUrl());
            new GeneratedSales(7).send(platform, topic, 5);
            Awaitility.await().atMost(PATIENCE).until(() -> api.invoicesCounted() == 5);
            BigDecimal kanyon = api.rows("/api/v1/sales/by-mall").getOrDefault("Kanyon",
                new GeneratedSales.Group(BigDecimal.ZERO, 0, 0)).revenue();
            MirroredSale mirrored = MirroredSale.create();
            mirrored.send(platform.bootstrapServers(), topic);
            String dlq = topic + "_dlq";

            Cli.Result groups = Awaitility.await().atMost(PATIENCE).until(() -> run("list", "--topic", dlq),
                r -> r.out().lines().count() == 2);
            assertThat(groups.exitCode()).as(groups.err()).isZero();
            String group = groups.out().lines().skip(1).findFirst().orElseThrow();
            assertThat(group).contains("decode", "unknown schema ID " + mirrored.schemaId());
            String id = group.split("\\s+")[0];

            Cli.Result records = run("list", "--topic", dlq, "--group", id, "--registry-url", platform.registryUrl());
            assertThat(records.exitCode()).as(records.err()).isZero();
            assertThat(records.out()).contains("\"key\":\"" + mirrored.sale().getInvoiceNo() + "\"", "\"hex\":\"00",
                "\"source\":{\"topic\":\"" + topic + "\"");
            assertThat(records.err()).contains("1 of 1 matching dead letters shown");

            mirrored.importSchema(platform.registryUrl());
            Cli.Result decoded = run("list", "--topic", dlq, "--group", id, "--registry-url", platform.registryUrl());
            assertThat(decoded.out()).contains("\"price\":" + mirrored.sale().getPrice().toPlainString(),
                "\"invoice_no\":\"" + mirrored.sale().getInvoiceNo() + "\"");
            Cli.Result dryRun = run("redrive", "--topic", dlq, "--group", id, "--dry-run");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("would send 1, skipped 0 of 1 matching");
            Thread.sleep(2_000);
            assertThat(api.invoicesCounted()).as("a dry run sends nothing").isEqualTo(5);

            Cli.Result redrive = run("redrive", "--topic", dlq, "--group", id, "--request-id", "fix-1");
            assertThat(redrive.exitCode()).as(redrive.err()).isZero();
            assertThat(redrive.out()).containsPattern("sent \\d+:\\d+ -> " + topic + " \\d+:\\d+ \\(redrive 1\\)")
                .contains("sent 1, skipped 0 of 1 matching");
            Awaitility.await().atMost(PATIENCE).until(() -> api.invoicesCounted() == 6);
            assertThat(api.rows("/api/v1/sales/by-mall").get("Kanyon").revenue())
                .isEqualByComparingTo(kanyon.add(mirrored.sale().getPrice()));

            Cli.Result again = run("redrive", "--topic", dlq, "--group", id, "--request-id", "fix-1");
            assertThat(again.out()).contains("sent 0, skipped 1 (sent_by_this_request 1) of 1 matching");
            Cli.Result other = run("redrive", "--topic", dlq, "--all");
            assertThat(other.out()).contains("sent 0, skipped 1 (already_redriven 1)", "force");
            assertThat(run("list", "--topic", dlq).out()).containsPattern(id + "\\s+decode\\s+1\\s+1\\s");
        }
    }

    @Test
    void badSelectionsAreUsageErrorsInOneLine() {
        for (List<String> args : List.of(List.of("redrive"), List.of("redrive", "--record", "zero"),
            List.of("redrive", "--record", "0:1", "--all"), List.of("redrive", "--source-offsets", "9-3"),
            List.of("redrive", "--since", "yesterday"), List.of("list", "--limit", "0"))) {
            Cli.Result result = run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(args + ": " + result.err()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err().lines()).as(args.toString()).hasSize(1).allMatch(line -> line.startsWith("error: "));
        }
    }

    @Test
    void aMissingTopicFailsAndKafkaThatDoesNotAnswerIsUnreachable() {
        Cli.Result missing = run("list", "--topic", "no_such_dlq");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(missing.err().strip()).isEqualTo("error: topic 'no_such_dlq' does not exist");

        Cli.Result unreachable = Cli.run("dead-letters", "redrive", "--all", "--bootstrap-server", "127.0.0.1:1",
            "--timeout", "2s");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(unreachable.err().lines()).hasSize(1);
    }

    private static Cli.Result run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "dead-letters";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--bootstrap-server";
        all[args.length + 2] = platform.bootstrapServers();
        return Cli.run(all);
    }
}
