package io.tillstream.sink;

import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sinks in one group share a topic's partitions: the second joins while the first is landing, so
 * the first gives partitions up mid-batch (completing and committing them first), then the second
 * stops and gives them back, then the first stops; a third lands what is left. The lake holds every
 * sale once.
 */
class SharedGroupTest {

    private static final int SALES = 20_000;

    @TempDir
    Path dir;

    @Test
    void twoSinksInOneGroupLandEverySaleOnceWhileTheyJoinAndLeave() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String topic = TestPlatform.unique("shared");
        platform.createTopic(topic, 4);
        Path lake = dir.resolve("lake");
        Map<String, String> sink = SinkProcess.settings(platform, topic, lake, Map.of(
            SinkConfig.ROLL_RECORDS_CONFIG, "1000",
            SinkConfig.ROLL_INTERVAL_MS_CONFIG, "30000"));
        GeneratedSales sales = new GeneratedSales(21);
        sales.send(platform, topic, SALES / 2);
        try (SinkProcess first = SinkProcess.start(sink, dir.resolve("first.log"));
             LakeReader duckdb = new LakeReader(lake)) {
            Awaitility.await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> duckdb.count() > 0);
            try (SinkProcess second = SinkProcess.start(sink, dir.resolve("second.log"))) {
                sales.send(platform, topic, SALES / 4);
                Thread.sleep(3000);
                assertThat(second.stop()).as("exit code of the second sink").isZero();
            }
            sales.send(platform, topic, SALES / 4);
            Thread.sleep(3000);
            assertThat(first.stop()).as("exit code of the first sink").isZero();
            // Whatever the first had not read yet, a sink with short rolls lands from the group's offsets.
            Map<String, String> quick = new java.util.HashMap<>(sink);
            quick.put(SinkConfig.ROLL_INTERVAL_MS_CONFIG, "500");
            try (SinkProcess last = SinkProcess.start(quick, dir.resolve("last.log"))) {
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> duckdb.count() >= SALES);
                assertThat(last.stop()).as("exit code of the last sink").isZero();
            }
            assertThat(duckdb.count()).isEqualTo(SALES);
            assertThat(duckdb.distinctInvoices()).isEqualTo(SALES);
            assertThat(duckdb.misplaced()).isZero();
        }
    }
}
