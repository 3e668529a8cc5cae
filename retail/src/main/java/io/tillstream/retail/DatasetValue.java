package io.tillstream.retail;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A value of one of the dataset's categorical columns: the label it is written with, and its share of invoices. */
public interface DatasetValue {

    /** The value as the dataset's CSV writes it, e.g. {@code Food & Beverage}. */
    String label();

    /** Percentage of the dataset's invoices that have this value. */
    double share();

    /** The value written {@code label}; empty for any other label, null included. */
    static <E extends Enum<E> & DatasetValue> Optional<E> byLabel(Class<E> type, String label) {
        return label == null ? Optional.empty() : Optional.ofNullable(type.cast(Labels.BY_TYPE.get(type).get(label)));
    }

    /** Each column's labels, indexed once: the pipeline looks one up for every field of every sale. */
    final class Labels {
        private static final ClassValue<Map<String, Object>> BY_TYPE = new ClassValue<>() {
            @Override
            protected Map<String, Object> computeValue(Class<?> type) {
                return Arrays.stream(type.getEnumConstants())
                    .collect(Collectors.toUnmodifiableMap(v -> ((DatasetValue) v).label(), Function.identity()));
            }
        };

        private Labels() {
        }
    }
}
