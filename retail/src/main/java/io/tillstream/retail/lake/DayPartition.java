package io.tillstream.retail.lake;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A record's Hive-style directory, {@code invoice_year=2022/invoice_month=8/invoice_day=5}, as the
 * Spark job Tillstream replaces partitioned its output (numbers unpadded, as Spark writes them). The
 * sink writes into these directories and the Control Center's Lake page counts by them.
 */
public record DayPartition(int year, int month, int day) {

    public static final String YEAR = "invoice_year";
    public static final String MONTH = "invoice_month";
    public static final String DAY = "invoice_day";
    public static final String DATE = "invoice_date";

    public static DayPartition of(LocalDate date) {
        return new DayPartition(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /**
     * From the record's {@code invoice_year}/{@code invoice_month}/{@code invoice_day} (what
     * {@code sales_enriched} holds), else its {@code invoice_date} (an Avro {@code date}: days since
     * 1970-01-01); empty when it has neither.
     */
    public static Optional<DayPartition> of(GenericRecord record) {
        Schema schema = record.getSchema();
        if (schema.getField(YEAR) != null && schema.getField(MONTH) != null && schema.getField(DAY) != null
            && isInt(record.get(YEAR)) && isInt(record.get(MONTH)) && isInt(record.get(DAY))) {
            return Optional.of(new DayPartition(((Number) record.get(YEAR)).intValue(),
                ((Number) record.get(MONTH)).intValue(), ((Number) record.get(DAY)).intValue()));
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

    /** An Integer, or a Long in an int's range: a JSON Schema integer lands as a long. */
    private static boolean isInt(Object value) {
        return value instanceof Integer || value instanceof Long number && number == number.intValue();
    }

    public Path directory(Path lake) {
        return lake.resolve(YEAR + "=" + year).resolve(MONTH + "=" + month).resolve(DAY + "=" + day);
    }

    /**
     * The day whose directory {@code directory} is ({@code .../invoice_year=Y/invoice_month=M/invoice_day=D});
     * empty for any other directory.
     */
    public static Optional<DayPartition> ofDirectory(Path directory) {
        int depth = directory.getNameCount();
        if (depth < 3) {
            return Optional.empty();
        }
        OptionalInt year = value(directory.getName(depth - 3), YEAR);
        OptionalInt month = value(directory.getName(depth - 2), MONTH);
        OptionalInt day = value(directory.getName(depth - 1), DAY);
        if (year.isEmpty() || month.isEmpty() || day.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DayPartition(year.getAsInt(), month.getAsInt(), day.getAsInt()));
    }

    public LocalDate date() {
        return LocalDate.of(year, month, day);
    }

    private static OptionalInt value(Path name, String column) {
        String text = name.toString();
        if (!text.startsWith(column + "=")) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text.substring(column.length() + 1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public String toString() {
        return YEAR + "=" + year + "/" + MONTH + "=" + month + "/" + DAY + "=" + day;
    }
}
