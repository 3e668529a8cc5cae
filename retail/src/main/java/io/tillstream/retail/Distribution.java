package io.tillstream.retail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Draws values with given relative weights, e.g. categories by their share of the real dataset.
 * Weights need not sum to 100: the dataset's published shares are rounded.
 */
final class Distribution<T> {

    /** An array, not a List: a sale takes three draws, and a List's get showed in the generator's profile. */
    private final Object[] values;
    private final double[] cumulative;

    Distribution(Map<T, Double> weights) {
        List<T> values = List.copyOf(weights.keySet());
        this.values = values.toArray();
        this.cumulative = new double[values.size()];
        double total = 0;
        for (int i = 0; i < values.size(); i++) {
            double weight = weights.get(values.get(i));
            if (weight <= 0) {
                throw new IllegalArgumentException("weight of " + values.get(i) + " must be positive, not " + weight);
            }
            total += weight;
            cumulative[i] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
    }

    /** The values of a dataset column, weighted by their share of the real dataset. */
    static <E extends Enum<E> & DatasetValue> Distribution<E> ofShares(Class<E> type) {
        Map<E, Double> weights = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            weights.put(value, value.share());
        }
        return new Distribution<>(weights);
    }

    @SuppressWarnings("unchecked") // values holds only the map's keys, which are T
    T draw(RandomGenerator random) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return (T) values[i];
            }
        }
        return (T) values[values.length - 1];
    }
}
