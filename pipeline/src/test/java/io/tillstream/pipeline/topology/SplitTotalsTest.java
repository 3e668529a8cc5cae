package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitTotalsTest {

    @Test
    void aPartitionsNewReportReplacesItsOldOneAndTheSumCoversEveryPartition() {
        SplitTotals split = SplitTotals.NONE
            .with(new PartitionTotals(3, new Totals(300, 3, 1)))
            .with(new PartitionTotals(0, new Totals(100, 1, 1)))
            .with(new PartitionTotals(5, new Totals(500, 5, 1)))
            .with(new PartitionTotals(3, new Totals(700, 7, 2)));

        assertThat(split.partitions()).containsExactly(0, 3, 5);
        assertThat(split.sum()).isEqualTo(new Totals(1300, 13, 4));
    }

    @Test
    void theBinaryFormsReadBackWhatWasWritten() {
        SplitTotals split = SplitTotals.NONE.with(new PartitionTotals(1, new Totals(-5, 2, 1)))
            .with(new PartitionTotals(4, new Totals(Long.MAX_VALUE, 0, 9)));
        Serde<SplitTotals> serde = TotalsSerdes.splitTotals();
        SplitTotals read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", split));
        assertThat(read.partitions()).containsExactly(1, 4);
        assertThat(read.totals()).containsExactly(split.totals());

        Serde<PartitionTotals> partition = TotalsSerdes.partitionTotals();
        PartitionTotals update = new PartitionTotals(7, new Totals(12_345, 6, 3));
        assertThat(partition.deserializer().deserialize("t", partition.serializer().serialize("t", update))).isEqualTo(update);
    }

    @Test
    void bytesOfTheWrongLengthAreRefusedNamingTheTopic() {
        assertThatThrownBy(() -> TotalsSerdes.totals().deserializer().deserialize("sales-totals", new byte[5]))
            .isInstanceOf(SerializationException.class).hasMessageContaining("not 5").hasMessageContaining("sales-totals");
        assertThatThrownBy(() -> TotalsSerdes.splitTotals().deserializer().deserialize("merged", new byte[30]))
            .isInstanceOf(SerializationException.class).hasMessageContaining("not 30");
    }
}
