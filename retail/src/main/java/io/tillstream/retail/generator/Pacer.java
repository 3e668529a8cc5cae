package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * When each record is due, in nanoseconds after the start. Due times come from a schedule rather
 * than a sleep after each send, so that sleeping late or sending slowly is made up by the next
 * records and the average rate stays exact even at high rates.
 */
@FunctionalInterface
public interface Pacer {

    long NANOS_PER_DAY = ChronoUnit.DAYS.getDuration().toNanos();

    /**
     * Nanoseconds after the start at which record {@code index} (0-based), {@code sale}, is due; only
     * {@link #replay} looks at the sale, which may be null for the others (a synthetic sale is drawn once due).
     */
    long dueNanos(long index, Sale sale);

    /** Every record is due at once. */
    static Pacer unthrottled() {
        return (index, sale) -> 0;
    }

    /** Record {@code i} is due at {@code i / recordsPerSecond} seconds. */
    static Pacer rate(double recordsPerSecond) {
        if (!(recordsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be above 0, not " + recordsPerSecond);
        }
        double nanosPerRecord = 1e9 / recordsPerSecond;
        return (index, sale) -> (long) (index * nanosPerRecord);
    }

    /**
     * Replays by invoice date: a record is due {@code (invoice_date - first date) / speedup} after the
     * start, where the first date is the first record's. Records dated before it are due at once.
     */
    static Pacer replay(double speedup) {
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("speedup must be above 0, not " + speedup);
        }
        return new Pacer() {
            private LocalDate first;

            @Override
            public long dueNanos(long index, Sale sale) {
                if (first == null) {
                    first = sale.getInvoiceDate();
                }
                long days = ChronoUnit.DAYS.between(first, sale.getInvoiceDate());
                // Doubles, clamped: a slow replay (speedup below 1) of a long file would overflow a long.
                return days <= 0 ? 0 : (long) Math.min(Long.MAX_VALUE, days * (double) NANOS_PER_DAY / speedup);
            }
        };
    }
}
