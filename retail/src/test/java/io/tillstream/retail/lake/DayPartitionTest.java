package io.tillstream.retail.lake;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DayPartitionTest {

    @Test
    void aDaysDirectoryReadsBackAsThatDay() {
        Path lake = Path.of("/data/lake");
        DayPartition day = DayPartition.of(LocalDate.of(2022, 8, 5));
        assertThat(day.directory(lake)).isEqualTo(Path.of("/data/lake/invoice_year=2022/invoice_month=8/invoice_day=5"));
        assertThat(DayPartition.ofDirectory(day.directory(lake))).contains(day);
        assertThat(day.date()).isEqualTo(LocalDate.of(2022, 8, 5));
    }

    @Test
    void otherDirectoriesAreNoDay() {
        assertThat(DayPartition.ofDirectory(Path.of("/data/lake/invoice_year=2022/invoice_month=8"))).isEmpty();
        assertThat(DayPartition.ofDirectory(Path.of("invoice_year=2022/invoice_month=8/day=5"))).isEmpty();
        assertThat(DayPartition.ofDirectory(Path.of("invoice_year=2022/invoice_month=x/invoice_day=5"))).isEmpty();
    }

    @Test
    void theDayFieldsMayBeLongsAsAJsonSchemaIntegerLandsButMustFitAnInt() {
        Schema schema = SchemaBuilder.record("Enriched").fields().requiredLong(DayPartition.YEAR)
            .requiredLong(DayPartition.MONTH).requiredLong(DayPartition.DAY).endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put(DayPartition.YEAR, 2022L);
        record.put(DayPartition.MONTH, 8L);
        record.put(DayPartition.DAY, 5L);
        assertThat(DayPartition.of(record)).contains(DayPartition.of(LocalDate.of(2022, 8, 5)));

        record.put(DayPartition.YEAR, 1L << 32);
        assertThat(DayPartition.of(record)).isEmpty();
    }
}
