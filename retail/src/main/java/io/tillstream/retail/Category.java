package io.tillstream.retail;

import java.math.BigDecimal;
import java.util.Optional;

/** The dataset's product categories, each with its fixed unit price (lira) and its share of invoices. */
public enum Category implements DatasetValue {
    CLOTHING("Clothing", "300.08", 34.7),
    COSMETICS("Cosmetics", "40.66", 15.2),
    FOOD_AND_BEVERAGE("Food & Beverage", "5.23", 14.9),
    TOYS("Toys", "35.84", 10.1),
    SHOES("Shoes", "600.17", 10.1),
    SOUVENIR("Souvenir", "11.73", 5.0),
    TECHNOLOGY("Technology", "1050.00", 5.0),
    BOOKS("Books", "15.15", 5.0);

    private final String label;
    private final BigDecimal unitPrice;
    private final double share;
    /** Line totals for the quantities the synthetic model draws, made once: BigDecimal arithmetic per sale shows in profiles. */
    private final BigDecimal[] commonPrices = new BigDecimal[SyntheticSales.MAX_QUANTITY + 1];

    Category(String label, String unitPrice, double share) {
        this.label = label;
        this.unitPrice = new BigDecimal(unitPrice);
        this.share = share;
        for (int quantity = 0; quantity < commonPrices.length; quantity++) {
            commonPrices[quantity] = this.unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    @Override
    public String label() {
        return label;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    @Override
    public double share() {
        return share;
    }

    /** The line total for {@code quantity} items, exact to the cent. */
    public BigDecimal price(int quantity) {
        if (quantity >= 0 && quantity < commonPrices.length) {
            return commonPrices[quantity];
        }
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    public static Optional<Category> fromLabel(String label) {
        return DatasetValue.byLabel(Category.class, label);
    }
}
