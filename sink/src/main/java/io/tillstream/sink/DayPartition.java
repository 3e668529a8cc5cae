package io.tillstream.sink;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A record's Hive-style directory, {@code invoice_year=2022/invoice_month=8/invoice_day=5}, as the
 * Spark job Tillstream replaces partitioned its output (numbers unpadded, as Spark writes them).
 */
record DayPartition(int year, int month, int day) {

    static final String YEAR = "invoice_year";
    static final String MONTH = "invoice_month";
    static final String DAY = "invoice_day";
    static final String DATE = "invoice_date";

    static DayPartition of(LocalDate date) {
        return new DayPartition(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /**
     * From the record's {@code invoice_year}/{@code invoice_month}/{@code invoice_day} (what
     * {@code sales_enriched} holds), else its {@code invoice_date} (an Avro {@code date}: days since
     * 1970-01-01); empty when it has neither.
     */
    static Optional<DayPartition> of(GenericRecord record) {
        Schema schema = record.getSchema();
        if (schema.getField(YEAR) != null && schema.getField(MONTH) != null && schema.getField(DAY) != null
            && record.get(YEAR) instanceof Integer year && record.get(MONTH) instanceof Integer month
            && record.get(DAY) instanceof Integer day) {
            return Optional.of(new DayPartition(year, month, day));
        }
        if (schema.getField(DATE) != null) {
            Object date = record.get(DATE);
            if (date instanceof Integer days) {
                return Optional.of(of(LocalDate.ofEpochDay(days)));
            }
            if (date instanceof LocalDate local) {
                return Optional.of(of(local));
            }
        }
        return Optional.empty();
    }

    Path directory(Path lake) {
        return lake.resolve(YEAR + "=" + year).resolve(MONTH + "=" + month).resolve(DAY + "=" + day);
    }

    @Override
    public String toString() {
        return YEAR + "=" + year + "/" + MONTH + "=" + month + "/" + DAY + "=" + day;
    }
}
