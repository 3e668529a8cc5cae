package io.tillstream.retail;

import java.util.Arrays;
import java.util.Optional;

/** A value of one of the dataset's categorical columns: the label it is written with, and its share of invoices. */
public interface DatasetValue {

    /** The value as the dataset's CSV writes it, e.g. {@code Food & Beverage}. */
    String label();

    /** Percentage of the dataset's invoices that have this value. */
    double share();

    static <E extends Enum<E> & DatasetValue> Optional<E> byLabel(Class<E> type, String label) {
        return Arrays.stream(type.getEnumConstants()).filter(v -> v.label().equals(label)).findFirst();
    }
}
