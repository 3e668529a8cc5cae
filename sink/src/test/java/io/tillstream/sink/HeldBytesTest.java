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
 * A backlog larger than the sink may hold: the roll settings alone would keep every record in memory until
 * the stop, an hour away, and a backlog of millions filled the heap that way. Past {@code held.max.bytes} the
 * partitions complete their files while the sink reads on, and the lake still holds every sale once.
 */
class HeldBytesTest {

    private static final int SALES = 6_000;

    @TempDir
    Path dir;

    @Test
    void pastTheMemoryBoundThePartitionsRollWhileReadingAndEverySaleLandsOnce() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String topic = TestPlatform.unique("held");
        platform.createTopic(topic, 3);
        new GeneratedSales(5).send(platform, topic, SALES);
        Path lake = dir.resolve("lake");
        Map<String, String> settings = SinkProcess.settings(platform, topic, lake, Map.of(
            SinkConfig.ROLL_INTERVAL_MS_CONFIG, "3600000",
            // About a sixth of the backlog's Avro bytes.
            SinkConfig.HELD_MAX_BYTES_CONFIG, "80000"));
        try (RunningSink sink = RunningSink.start(settings); LakeReader duckdb = new LakeReader(lake)) {
            // Landed means committed and published: before the stop only if the bound made the partitions roll.
            Awaitility.await("most sales landed before the stop").atMost(Duration.ofMinutes(2))
                .until(() -> sink.sink().status().records() > SALES / 2);
            sink.stop();
            assertThat(duckdb.count()).isEqualTo(SALES);
            assertThat(duckdb.distinctInvoices()).isEqualTo(SALES);
            assertThat(duckdb.misplaced()).isZero();
        }
    }
}
