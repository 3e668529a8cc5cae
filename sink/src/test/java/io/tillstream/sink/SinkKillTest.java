package io.tillstream.sink;

import io.tillstream.pipeline.SalesPipeline;
import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.PipelineApi;
import io.tillstream.pipeline.testing.TestPlatform;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test: generated sales through the real pipeline into {@code <topic>_enriched}, landed by
 * a sink in a JVM of its own that is killed with {@code kill -9} twice at random moments and started
 * again; then the lake, read by DuckDB, holds every sale once, in its day's directory, with the
 * pipeline's revenue per day to the cent. Meanwhile another thread reads every file under a final name
 * again and again: a file still being written must never be one of them.
 *
 * <p>100,000 sales by default, as the issue asks ({@code -Dsink.test.sales=N} for fewer).
 */
class SinkKillTest {

    private static final int SALES = Integer.getInteger("sink.test.sales", 100_000);
    /** Invoice dates over 41 days, so that every batch of a partition spans several day directories. */
    private static final int DAYS = 41;
    private static final Duration PATIENCE = Duration.ofMinutes(6);

    @TempDir
    Path dir;

    @Test
    void theLakeHoldsEverySaleExactlyOnceAfterTwoKills() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String source = TestPlatform.unique("lake");
        platform.createTopic(source, 3);
        Path lake = dir.resolve("lake");
        Path log = dir.resolve("sink.log");
        Map<String, String> sink = SinkProcess.settings(platform, source + "_enriched", lake, Map.of(
            SinkConfig.ROLL_RECORDS_CONFIG, "3000",
            SinkConfig.ROLL_INTERVAL_MS_CONFIG, "1000",
            // A killed member holds its partitions until the session times out: keep the restarts quick.
            "session.timeout.ms", "6000",
            "heartbeat.interval.ms", "1000"));
        Random random = new Random();
        try (SalesPipeline pipeline = platform.startPipeline(platform.pipelineSettings(source, TestPlatform.unique("lake-app")));
             FinalNameReader reader = FinalNameReader.start(lake)) {
            Map<String, BigDecimal> sent = new TreeMap<>();
            Thread sender = new Thread(() -> sent.putAll(send(platform, source)), "sales");
            sender.start();
            Files.createDirectories(lake);
            for (int kill = 1; kill <= 2; kill++) {
                long before = completedFiles(lake);
                try (SinkProcess process = SinkProcess.start(sink, log)) {
                    Awaitility.await().atMost(PATIENCE).until(() -> completedFiles(lake) > before);
                    Thread.sleep(random.nextInt(3000));
                    assertThat(process.isAlive()).as("sink %d still running; log in %s", kill, log).isTrue();
                    process.kill();
                }
            }
            sender.join();
            try (SinkProcess process = SinkProcess.start(sink, log); LakeReader duckdb = new LakeReader(lake)) {
                Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> duckdb.count() >= SALES);
                assertThat(process.stop()).as("exit code of the last sink; log in %s", log).isZero();

                assertThat(duckdb.count()).isEqualTo(SALES);
                assertThat(duckdb.distinctInvoices()).isEqualTo(SALES);
                assertThat(duckdb.misplaced()).isZero();
                PipelineApi api = new PipelineApi(pipeline.httpUrl());
                Awaitility.await().atMost(PATIENCE).until(() -> api.invoicesCounted() == SALES);
                Map<String, BigDecimal> pipelineByDay = new TreeMap<>();
                api.rows("/api/v1/sales/by-day").forEach((day, group) -> pipelineByDay.put(day, group.revenue()));
                assertThat(pipelineByDay).hasSizeGreaterThan(30).isEqualTo(sent);
                assertThat(duckdb.revenueByDay()).isEqualTo(pipelineByDay);
                assertThat(duckdb.columnTypes()).containsEntry("price", "DECIMAL(12,2)")
                    .containsEntry("invoice_date", "DATE").containsEntry("event_time", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("quantity", "INTEGER").containsEntry("invoice_day", "INTEGER");
            }
            reader.stop();
            assertThat(reader.failures()).as("files under a final name that could not be read").isEmpty();
            assertThat(reader.reads()).isPositive();
        }
    }

    /**
     * Sends the sales with invoice dates stepping through 41 days (the rest as the synthetic model draws
     * it, event times now); returns the revenue per day sent.
     */
    private static Map<String, BigDecimal> send(TestPlatform platform, String topic) {
        LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS);
        SyntheticSales sales = new SyntheticSales(16, 2_000, Clock.systemUTC());
        Map<String, BigDecimal> revenue = new TreeMap<>();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), GeneratedSales.avroSerializer(platform))) {
            for (int i = 0; i < SALES; i++) {
                Sale sale = sales.next();
                sale.setInvoiceDate(firstDay.plusDays((long) i * DAYS / SALES));
                revenue.merge(sale.getInvoiceDate().toString(), sale.getPrice(), BigDecimal::add);
                producer.send(new ProducerRecord<>(topic, sale.getInvoiceNo(), sale));
                if (i % 10_000 == 9_999) {
                    // Spread over a few seconds, so that the kills fall while sales are still arriving.
                    sleep(500);
                }
            }
            producer.flush();
        }
        return revenue;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Files under a final name; a walk that meets a temporary file as it is renamed is done again. */
    private static long completedFiles(Path lake) throws IOException {
        while (true) {
            try (Stream<Path> files = Files.walk(lake)) {
                return files.filter(path -> LakeFileName.isComplete(path.getFileName().toString())).count();
            } catch (java.io.UncheckedIOException renamedMeanwhile) {
                // walk again
            }
        }
    }

    /** Reads every file under a final name with DuckDB, over and over, until stopped; collects what failed. */
    private static final class FinalNameReader implements AutoCloseable {

        private final AtomicBoolean stopped = new AtomicBoolean();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicLong reads = new AtomicLong();
        private final Thread thread;

        private FinalNameReader(Path lake) {
            this.thread = new Thread(() -> {
                try (LakeReader duckdb = new LakeReader(lake)) {
                    while (!stopped.get()) {
                        if (Files.isDirectory(lake) && completedFiles(lake) > 0) {
                            try {
                                duckdb.count();
                                reads.incrementAndGet();
                            } catch (SQLException e) {
                                failures.add(e.getMessage());
                            }
                        }
                        sleep(100);
                    }
                } catch (SQLException | IOException e) {
                    failures.add("reader: " + e);
                }
            }, "final-name-reader");
        }

        static FinalNameReader start(Path lake) {
            FinalNameReader reader = new FinalNameReader(lake);
            reader.thread.start();
            return reader;
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            thread.join();
        }

        List<String> failures() {
            return failures.stream().distinct().limit(5).collect(Collectors.toList());
        }

        long reads() {
            return reads.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
