package io.tillstream.sink;

import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.TestPlatform;
import io.tillstream.retail.lake.LakeFileName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A zombie: sink A is handed its first records and then paused, longer than its
 * {@code max.poll.interval.ms}, so the group drops it; sink B, same group, takes every partition and lands
 * them from the last commit into files named by the same first offsets, but holding more records (A's
 * poll took fewer). Then A wakes and completes its batch, still believing it owns the partition: the
 * sink before the commit protocol renamed that file over B's of the same name, losing B's records past
 * A's end. Now A's roll is not published (the group refuses its commit, or the partition is lost first),
 * B's files stay as they were; both go on sharing the partitions, and DuckDB finds every sale in the lake
 * exactly once.
 */
class ZombieSinkTest {

    private static final int SALES = 12_000;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void aMemberPausedPastItsPollIntervalPublishesNothingOfTheRollItCompleted() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String topic = TestPlatform.unique("zombie");
        platform.createTopic(topic, 2);
        Path lake = dir.resolve("lake");
        Map<String, String> settings = SinkProcess.settings(platform, topic, lake, Map.of(
            SinkConfig.ROLL_INTERVAL_MS_CONFIG, "1000",
            "session.timeout.ms", "6000",
            "heartbeat.interval.ms", "1000"));
        Map<String, String> zombieSettings = new HashMap<>(settings);
        zombieSettings.put("max.poll.interval.ms", "4000");
        // A's batch ends at another offset than B's, so a file of A's holds fewer records than B's of that name.
        zombieSettings.put("max.poll.records", "500");
        GeneratedSales sales = new GeneratedSales(31);
        sales.send(platform, topic, SALES / 2);

        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        LakeSink zombie = LakeSink.create(new SinkConfig(zombieSettings));
        zombie.afterHandOver(() -> {
            if (first.getAndSet(false)) {
                paused.countDown();
                try {
                    resume.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (RunningSink a = RunningSink.start(zombie); LakeReader duckdb = new LakeReader(lake)) {
            assertThat(paused.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("A was handed records").isTrue();

            try (RunningSink b = RunningSink.start(settings)) {
                Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> duckdb.count() == SALES / 2);
                Map<String, Long> landedByB = finalFiles(lake);

                resume.countDown();
                // A's batch is rolled (it is older than the roll interval) and dropped, and A rejoins the group.
                Awaitility.await().atMost(PATIENCE).until(() -> !zombie.status().partitions().isEmpty());
                Thread.sleep(2000);
                assertThat(finalFiles(lake)).as("B's files after A woke up").isEqualTo(landedByB);

                sales.send(platform, topic, SALES / 2);
                Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> duckdb.count() >= SALES);
                b.stop();
            }
            a.stop();
            assertThat(duckdb.count()).isEqualTo(SALES);
            assertThat(duckdb.distinctInvoices()).isEqualTo(SALES);
            assertThat(duckdb.misplaced()).isZero();
            assertThat(tempFiles(lake)).isEmpty();
        }
    }

    /** Files under a final name, relative to the lake, with their sizes. */
    private static Map<String, Long> finalFiles(Path lake) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        for (Path path : regularFiles(lake)) {
            if (LakeFileName.isComplete(path.getFileName().toString())) {
                files.put(lake.relativize(path).toString(), Files.size(path));
            }
        }
        return files;
    }

    private static List<Path> tempFiles(Path lake) throws IOException {
        return regularFiles(lake).stream().filter(path -> path.getFileName().toString().endsWith(".tmp")).toList();
    }

    private static List<Path> regularFiles(Path lake) throws IOException {
        if (!Files.isDirectory(lake)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(lake)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
