package io.tillstream.retail;

import java.util.Optional;

/** The dataset's two genders, with their share of invoices. */
public enum Gender implements DatasetValue {
    FEMALE("Female", 59.8),
    MALE("Male", 40.2);

    private final String label;
    private final double share;

    Gender(String label, double share) {
        this.label = label;
        this.share = share;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public double share() {
        return share;
    }

    public static Optional<Gender> fromLabel(String label) {
        return DatasetValue.byLabel(Gender.class, label);
    }
}
