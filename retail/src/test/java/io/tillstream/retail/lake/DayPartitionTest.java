package io.tillstream.retail.lake;

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
}
