package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.Totals;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static io.tillstream.pipeline.topology.Sales.books;
import static org.assertj.core.api.Assertions.assertThat;

/** 1-minute windows per mall, by event time, with a grace period of {@link TopologyHarness#GRACE} (10 minutes). */
class MinuteWindowsTest {

    private static final Instant TEN = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant TEN_ONE = TEN.plus(SalesTopology.WINDOW);
    /** The window starting at ten ends at 10:01; its grace period runs out when a sale of 10:11 is seen. */
    private static final Instant GRACE_ENDS = TEN_ONE.plus(TopologyHarness.GRACE);
    private static final String KANYON = Breakdown.MALL.key("Kanyon");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.start();

    @Test
    void salesOfOneMallInOneMinuteAddUpInOneWindowKeyedByItsStartAndMall() {
        topology.send(books("I1", "Kanyon", 1, TEN));
        topology.send(books("I2", "Kanyon", 2, TEN_ONE.minusMillis(1)));
        topology.send(books("I3", "Kanyon", 1, TEN_ONE));
        topology.send(books("I4", "Metrocity", 1, TEN.plusSeconds(30)));

        assertThat(topology.perMinuteStore().fetch(KANYON, TEN.toEpochMilli())).isEqualTo(new Totals(45_45, 3, 2));
        assertThat(topology.perMinuteStore().fetch(KANYON, TEN_ONE.toEpochMilli())).isEqualTo(new Totals(15_15, 1, 1));
        assertThat(topology.perMinuteStore().fetch(Breakdown.MALL.key("Metrocity"), TEN.toEpochMilli()))
            .isEqualTo(new Totals(15_15, 1, 1));
        topology.advance(Duration.ofMillis(PartitionAggregator.FORWARD_INTERVAL_MS));
        assertThat(topology.perMinute()).containsExactlyInAnyOrder(
            KeyValue.pair("2024-05-01T10:00:00Z/Kanyon", new Totals(45_45, 3, 2)),
            KeyValue.pair("2024-05-01T10:01:00Z/Kanyon", new Totals(15_15, 1, 1)),
            KeyValue.pair("2024-05-01T10:00:00Z/Metrocity", new Totals(15_15, 1, 1)));
    }

    @Test
    void aSaleLateByLessThanTheGracePeriodStillCountsInItsWindow() {
        topology.send(books("I1", "Kanyon", 1, TEN.plusSeconds(30)));
        topology.send(books("I2", "Kanyon", 1, GRACE_ENDS.minusMillis(1)));
        topology.send(books("I3", "Kanyon", 2, TEN.plusSeconds(40)));

        assertThat(topology.perMinuteStore().fetch(KANYON, TEN.toEpochMilli())).isEqualTo(new Totals(45_45, 3, 2));
    }

    @Test
    void aSaleLaterThanTheGracePeriodMissesItsWindowButCountsInEveryOtherTotal() {
        topology.send(books("I1", "Kanyon", 1, TEN.plusSeconds(30)));
        topology.send(books("I2", "Kanyon", 1, GRACE_ENDS));
        topology.send(books("I3", "Kanyon", 2, TEN.plusSeconds(40)));

        assertThat(topology.perMinuteStore().fetch(KANYON, TEN.toEpochMilli())).isEqualTo(new Totals(15_15, 1, 1));
        assertThat(topology.totalsStore().get(KANYON)).isEqualTo(new Totals(60_60, 4, 3));
        assertThat(topology.totalsStore().get(Breakdown.CATEGORY.key("Books"))).isEqualTo(new Totals(60_60, 4, 3));
    }
}
