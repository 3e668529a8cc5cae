package io.tillstream.retail;

import java.util.Optional;

/** The ten Istanbul shopping malls of the dataset, with their share of invoices. */
public enum ShoppingMall implements DatasetValue {
    MALL_OF_ISTANBUL("Mall of Istanbul", 20.1),
    KANYON("Kanyon", 19.9),
    METROCITY("Metrocity", 15.1),
    METROPOL_AVM("Metropol AVM", 10.2),
    ISTINYE_PARK("Istinye Park", 9.8),
    ZORLU_CENTER("Zorlu Center", 5.1),
    CEVAHIR_AVM("Cevahir AVM", 5.0),
    FORUM_ISTANBUL("Forum Istanbul", 5.0),
    VIAPORT_OUTLET("Viaport Outlet", 4.9),
    EMAAR_SQUARE_MALL("Emaar Square Mall", 4.8);

    private final String label;
    private final double share;

    ShoppingMall(String label, double share) {
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

    public static Optional<ShoppingMall> fromLabel(String label) {
        return DatasetValue.byLabel(ShoppingMall.class, label);
    }
}
