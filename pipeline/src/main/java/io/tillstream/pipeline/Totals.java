package io.tillstream.pipeline;

import java.math.BigDecimal;

/**
 * Running totals of a group of sales. Revenue is kept in cents as a long, so sums are exact (a long
 * holds 92 quadrillion lira) and cheap; it never passes through floating point.
 */
public record Totals(long revenueCents, long quantity, long invoices) {

    public static final Totals NONE = new Totals(0, 0, 0);

    /** One sale's contribution. */
    public static Totals of(EnrichedSale sale) {
        return new Totals(cents(sale.getPrice()), sale.getQuantity(), 1);
    }

    /** From a revenue in lira with at most two decimals. */
    public static Totals of(BigDecimal revenue, long quantity, long invoices) {
        return new Totals(cents(revenue), quantity, invoices);
    }

    public Totals plus(Totals other) {
        return new Totals(revenueCents + other.revenueCents, quantity + other.quantity, invoices + other.invoices);
    }

    /** Revenue in lira, with two decimals. */
    public BigDecimal revenue() {
        return BigDecimal.valueOf(revenueCents, 2);
    }

    public SalesTotals toAvro() {
        return new SalesTotals(revenue(), quantity, invoices);
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
