package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.Totals;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The merger, fed as the repartition topic feeds it: each source partition's running totals of a group. */
class TotalsMergerTest {

    private static final String KANYON = Breakdown.MALL.key("Kanyon");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.start();

    @Test
    void eachPartitionsNewestTotalsReplaceItsLastAndTheTopicGetsTheSumOfThePartitions() {
        topology.report(KANYON, new PartitionTotals(0, new Totals(100, 1, 1)));
        topology.report(KANYON, new PartitionTotals(3, new Totals(250, 2, 1)));
        topology.report(KANYON, new PartitionTotals(0, new Totals(400, 3, 2)));

        assertThat(topology.aggregate(Breakdown.MALL)).containsExactly(
            KeyValue.pair("Kanyon", new Totals(100, 1, 1)),
            KeyValue.pair("Kanyon", new Totals(350, 3, 2)),
            KeyValue.pair("Kanyon", new Totals(650, 5, 3)));
    }

    @Test
    void totalsSentAgainAfterARestartChangeNothing() {
        topology.report(KANYON, new PartitionTotals(0, new Totals(100, 1, 1)));
        topology.report(KANYON, new PartitionTotals(1, new Totals(200, 2, 1)));
        topology.report(KANYON, new PartitionTotals(0, new Totals(100, 1, 1)));

        assertThat(topology.aggregate(Breakdown.MALL)).extracting(record -> record.value)
            .containsExactly(new Totals(100, 1, 1), new Totals(300, 3, 2), new Totals(300, 3, 2));
    }

    @Test
    void eachGroupGoesToTheTopicOfItsBreakdownUnderItsOwnName() {
        topology.report(Breakdown.CATEGORY.key("Food & Beverage"), new PartitionTotals(0, new Totals(523, 1, 1)));
        topology.report(Breakdown.DAY.key("2022-08-05"), new PartitionTotals(0, new Totals(523, 1, 1)));
        topology.report(SalesTopology.minuteKey(KANYON, Instant.parse("2024-05-01T10:00:00Z").toEpochMilli()),
            new PartitionTotals(0, new Totals(523, 1, 1)));

        assertThat(topology.aggregate(Breakdown.CATEGORY)).containsExactly(KeyValue.pair("Food & Beverage", new Totals(523, 1, 1)));
        assertThat(topology.aggregate(Breakdown.DAY)).containsExactly(KeyValue.pair("2022-08-05", new Totals(523, 1, 1)));
        assertThat(topology.perMinute()).containsExactly(KeyValue.pair("2024-05-01T10:00:00Z/Kanyon", new Totals(523, 1, 1)));
        assertThat(topology.aggregate(Breakdown.MALL)).isEmpty();
    }

    @Test
    void onceAMinuteTheWindowsOlderThanTheRetentionBeforeTheNewestLeaveTheStore() {
        Instant newest = Instant.parse("2024-05-01T10:00:00Z");
        Instant oldestKept = newest.minus(TopologyHarness.RETENTION);
        String expired = SalesTopology.minuteKey(KANYON, oldestKept.minus(SalesTopology.WINDOW).toEpochMilli());
        String kept = SalesTopology.minuteKey(KANYON, oldestKept.toEpochMilli());
        String newestMinute = SalesTopology.minuteKey(KANYON, newest.toEpochMilli());
        for (String key : List.of(expired, kept, newestMinute, KANYON)) {
            topology.report(key, new PartitionTotals(0, new Totals(100, 1, 1)));
        }
        assertThat(mergedKeys()).containsExactlyInAnyOrder(expired, kept, newestMinute, KANYON);

        topology.advance(Duration.ofMinutes(1));

        assertThat(mergedKeys()).containsExactlyInAnyOrder(kept, newestMinute, KANYON);
    }

    private List<String> mergedKeys() {
        List<String> keys = new ArrayList<>();
        topology.mergedStore().all().forEachRemaining(entry -> keys.add(entry.key));
        return keys;
    }
}
