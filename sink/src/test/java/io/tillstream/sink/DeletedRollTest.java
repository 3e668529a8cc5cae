package io.tillstream.sink;

import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of a roll deleted while it is being written, as a partition's new owner deletes the temporary files
 * of a member that lost the partition without noticing yet: the sink stopped with an I/O error before. Now the
 * roll is dropped and the partition read again from its last commit, the sink goes on, and the lake ends up
 * with every sale once.
 */
class DeletedRollTest {

    private static final int SALES = 3_000;

    @TempDir
    Path dir;

    @Test
    void aRollWhoseFileIsDeletedBeforeItIsForcedIsWrittenAgainFromTheLastCommit() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String topic = TestPlatform.unique("deleted-roll");
        platform.createTopic(topic, 2);
        new GeneratedSales(17).send(platform, topic, SALES);
        Path lake = dir.resolve("lake");
        LakeSink sink = LakeSink.create(new SinkConfig(SinkProcess.settings(platform, topic, lake, Map.of(
            SinkConfig.ROLL_RECORDS_CONFIG, "500",
            SinkConfig.ROLL_INTERVAL_MS_CONFIG, "1000"))));
        // Files are forced on several threads at once: each deletion is claimed first, so that no more than three are.
        AtomicInteger claimed = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        sink.beforeForce(path -> {
            if (path.getFileName().toString().endsWith(".tmp") && claimed.getAndIncrement() < 3) {
                try {
                    Files.delete(path);
                    deleted.incrementAndGet();
                } catch (IOException e) {
                    throw new AssertionError("cannot delete " + path, e);
                }
            }
        });
        try (RunningSink running = RunningSink.start(sink); LakeReader duckdb = new LakeReader(lake)) {
            Awaitility.await("every sale landed").atMost(Duration.ofMinutes(2))
                .until(() -> running.run().isDone() || sink.status().records() >= SALES);
            assertThat(running.run()).as("the sink runs on").isNotDone();
            running.stop();
            assertThat(deleted).hasValue(3);
            assertThat(duckdb.count()).isEqualTo(SALES);
            assertThat(duckdb.distinctInvoices()).isEqualTo(SALES);
            assertThat(duckdb.misplaced()).isZero();
            try (Stream<Path> files = Files.walk(lake)) {
                assertThat(files.filter(path -> path.getFileName().toString().endsWith(".tmp"))).isEmpty();
            }
        }
    }
}
