package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    private final SyntheticSales sales = new SyntheticSales(1, 10, Clock.systemUTC());

    @Test
    void atAFixedRateRecordIIsDueAtIOverTheRate() {
        Pacer pacer = Pacer.rate(200);
        assertThat(pacer.dueNanos(0, null)).isZero();
        assertThat(pacer.dueNanos(1, null)).isEqualTo(5_000_000);
        assertThat(pacer.dueNanos(400, null)).isEqualTo(2_000_000_000);
    }

    @Test
    void aHighRateKeepsItsScheduleExact() {
        assertThat(Pacer.rate(1_000_000).dueNanos(3_000_000, null)).isEqualTo(3_000_000_000L);
    }

    @Test
    void unthrottledRecordsAreAllDueAtOnce() {
        assertThat(Pacer.unthrottled().dueNanos(1_000_000, null)).isZero();
    }

    @Test
    void aReplayIsDueByInvoiceDateCompressedBySpeedupFromTheFirstRowsDate() {
        Pacer pacer = Pacer.replay(86_400);
        assertThat(pacer.dueNanos(0, dated("2022-08-05"))).isZero();
        assertThat(pacer.dueNanos(1, dated("2022-08-06"))).isEqualTo(1_000_000_000);
        assertThat(pacer.dueNanos(2, dated("2022-08-15"))).isEqualTo(10_000_000_000L);
    }

    @Test
    void aReplayRowDatedBeforeTheFirstRowGoesAtOnce() {
        Pacer pacer = Pacer.replay(10);
        pacer.dueNanos(0, dated("2022-08-05"));
        assertThat(pacer.dueNanos(1, dated("2021-01-01"))).isZero();
    }

    @Test
    void aVerySlowReplayOfALongFileDoesNotOverflow() {
        Pacer pacer = Pacer.replay(1e-6);
        pacer.dueNanos(0, dated("2021-01-01"));
        assertThat(pacer.dueNanos(1, dated("2023-03-08"))).isEqualTo(Long.MAX_VALUE);
    }

    private Sale dated(String date) {
        Sale sale = sales.next();
        sale.setInvoiceDate(LocalDate.parse(date));
        return sale;
    }
}
