package io.tillstream.retail;

import java.util.Optional;

/** How the dataset's customers paid, with each method's share of invoices. */
public enum PaymentMethod implements DatasetValue {
    CASH("Cash", 44.7),
    CREDIT_CARD("Credit Card", 35.1),
    DEBIT_CARD("Debit Card", 20.2);

    private final String label;
    private final double share;

    PaymentMethod(String label, double share) {
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

    public static Optional<PaymentMethod> fromLabel(String label) {
        return DatasetValue.byLabel(PaymentMethod.class, label);
    }
}
