package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.sink.LakeSink;
import io.tillstream.sink.SinkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /api/v1/lake} over files the real sink lands from a real pipeline's enriched topic. */
@ExtendWith(Environment.Extension.class)
class LakeApiTest {

    private static final int SALES = 1_500;

    @Test
    void theLakePageCountsWhatTheSinkLandedAndItsLag(Environment env, @TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        String group = "lake-" + UUID.randomUUID().toString().substring(0, 8);
        try (SalesFixture sales = SalesFixture.start(env);
             ControlCenter console = env.startConsole(Map.of(ConsoleConfig.LAKE_PATH_CONFIG, lake.toString(),
                 ConsoleConfig.LAKE_GROUP_ID_CONFIG, group))) {
            Client client = new Client(console.url());

            JsonNode before = client.get("/api/v1/lake").body();
            assertThat(before.get("groupId").asText()).isEqualTo(group);
            assertThat(before.get("groupState").isNull()).as(before.toString()).isTrue();
            assertThat(before.get("lag")).isEmpty();
            assertThat(before.at("/lake/exists").asBoolean()).isFalse();
            assertThat(before.at("/lake/files").asLong()).isZero();

            sales.send(SALES, "max");
            await().atMost(Duration.ofSeconds(60)).until(() -> sales.invoicesCounted() == SALES);

            LakeSink sink = LakeSink.create(new SinkConfig(Map.of(
                SinkConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                SinkConfig.SCHEMA_REGISTRY_URL_CONFIG, env.registryUrl(),
                SinkConfig.TOPIC_CONFIG, sales.enrichedTopic(),
                SinkConfig.PATH_CONFIG, lake.toString(),
                SinkConfig.GROUP_ID_CONFIG, group,
                SinkConfig.ROLL_RECORDS_CONFIG, 200,
                SinkConfig.ROLL_INTERVAL_MS_CONFIG, 300)));
            sink.start();
            CompletableFuture<Void> landing = CompletableFuture.runAsync(sink::run);
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode now = client.get("/api/v1/lake").body();
                    assertThat(now.at("/lake/rows").asLong()).as(now.toString()).isEqualTo(SALES);
                    assertThat(now.get("lag")).as(now.toString()).hasSize(3)
                        .allSatisfy(p -> assertThat(p.get("committedOffset").isNull()).isFalse());
                    assertThat(now.get("totalLag").asLong()).as(now.toString()).isZero();
                });
                JsonNode view = client.get("/api/v1/lake").body();
                assertThat(view.get("groupState").asText()).isEqualTo("STABLE");
                assertThat(view.get("members").asInt()).isEqualTo(1);

                // Lag per partition, as the group page computes it. The pipeline writes its topic in transactions: at rest
                // the sink has committed past each partition's last commit marker, so every lag is zero.
                Set<Integer> committed = new TreeSet<>();
                long totalLag = 0;
                for (JsonNode partition : view.get("lag")) {
                    assertThat(partition.get("topic").asText()).isEqualTo(sales.enrichedTopic());
                    long lag = partition.get("endOffset").asLong() - partition.get("committedOffset").asLong();
                    assertThat(partition.get("lag").asLong()).isEqualTo(lag).isZero();
                    totalLag += lag;
                    if (partition.get("committedOffset").asLong() > 0) {
                        committed.add(partition.get("partition").asInt());
                    }
                }
                assertThat(view.get("totalLag").asLong()).isEqualTo(totalLag);

                // Partitions written: those the sink committed records of, each with the files named after it.
                JsonNode partitions = view.at("/lake/partitions");
                assertThat(StreamSupport.stream(partitions.spliterator(), false).map(p -> p.get("partition").asInt())
                    .collect(Collectors.toSet())).isEqualTo(committed);
                for (JsonNode partition : partitions) {
                    JsonNode lag = view.get("lag").get(partition.get("partition").asInt());
                    assertThat(partition.get("lastFileOffset").asLong()).isLessThan(lag.get("committedOffset").asLong());
                    assertThat(partition.get("files").asLong())
                        .isEqualTo(filesNamed(lake, sales.enrichedTopic() + "+" + partition.get("partition").asInt() + "+"));
                }
                assertThat(StreamSupport.stream(partitions.spliterator(), false).mapToLong(p -> p.get("rows").asLong()).sum())
                    .isEqualTo(SALES);

                // Rows per day from the footers match the pipeline's own invoices per day; files per day, the directory.
                Map<String, Long> pipelineByDay = new TreeMap<>();
                new Client(sales.url()).get("/api/v1/sales/by-day").body().get("rows")
                    .forEach(row -> pipelineByDay.put(row.get("key").asText(), row.get("invoices").asLong()));
                Map<String, Long> lakeByDay = new TreeMap<>();
                for (JsonNode day : view.at("/lake/days")) {
                    lakeByDay.put(day.get("date").asText(), day.get("rows").asLong());
                    String[] ymd = day.get("date").asText().split("-");
                    Path directory = lake.resolve("invoice_year=" + Integer.parseInt(ymd[0]))
                        .resolve("invoice_month=" + Integer.parseInt(ymd[1])).resolve("invoice_day=" + Integer.parseInt(ymd[2]));
                    assertThat(day.get("files").asLong()).isEqualTo(parquetFilesIn(directory));
                }
                assertThat(lakeByDay).isEqualTo(pipelineByDay);
                assertThat(view.at("/lake/files").asLong()).isEqualTo(filesNamed(lake, sales.enrichedTopic() + "+"));
                assertThat(view.at("/lake/unreadable")).isEmpty();

                // A broken file under a lake name is reported, not counted; files being written and others are ignored.
                Path day = lake.resolve("invoice_year=2022/invoice_month=8/invoice_day=5");
                Files.createDirectories(day);
                Files.writeString(day.resolve(sales.enrichedTopic() + "+0+9999999999.zstd.parquet"), "not parquet");
                Files.writeString(day.resolve("." + sales.enrichedTopic() + "+1+9999999999.zstd.parquet.tmp"), "half");
                Files.writeString(day.resolve("notes.parquet"), "someone else's");
                JsonNode broken = client.get("/api/v1/lake").body();
                assertThat(broken.at("/lake/rows").asLong()).isEqualTo(SALES);
                assertThat(broken.at("/lake/files").asLong()).isEqualTo(view.at("/lake/files").asLong());
                assertThat(broken.at("/lake/unreadable")).hasSize(1);
                assertThat(broken.at("/lake/unreadable/0/file").asText())
                    .isEqualTo("invoice_year=2022/invoice_month=8/invoice_day=5/" + sales.enrichedTopic() + "+0+9999999999.zstd.parquet");
                assertThat(broken.at("/lake/unreadable/0/reason").asText()).isNotBlank();
            } finally {
                sink.stop();
                landing.join();
                sink.close();
            }
        }
    }

    @Test
    void withoutALakePathThePageShowsTheDefaultSinkGroupOnly(Environment env) {
        JsonNode view = new Client(env.console().url()).get("/api/v1/lake").body();
        assertThat(view.get("groupId").asText()).isEqualTo(SinkConfig.DEFAULT_GROUP_ID);
        assertThat(view.get("lake").isNull()).isTrue();
    }

    private static long filesNamed(Path lake, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".parquet")).count();
        }
    }

    private static long parquetFilesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".") && f.toString().endsWith(".parquet")).count();
        }
    }
}
