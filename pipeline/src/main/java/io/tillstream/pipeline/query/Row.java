package io.tillstream.pipeline.query;

import io.tillstream.pipeline.Totals;

import java.math.BigDecimal;

/**
 * One group's totals in an HTTP answer. Revenue is a JSON number with exactly two decimals, written
 * from the exact sum (never from a double): {@code {"key":"Kanyon","revenue":1500.40,...}}.
 */
public record Row(String key, BigDecimal revenue, long quantity, long invoices) {

    static Row of(String key, Totals totals) {
        return new Row(key, totals.revenue(), totals.quantity(), totals.invoices());
    }

    Totals totals() {
        return Totals.of(revenue, quantity, invoices);
    }
}
