package io.tillstream.pipeline.topology;

import io.tillstream.retail.Category;
import io.tillstream.retail.PaymentMethod;
import io.tillstream.retail.Sale;
import io.tillstream.retail.ShoppingMall;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** What a decoded sale must satisfy to be counted; anything else goes to the dead-letter topic. */
final class SaleRules {

    static final int MIN_AGE = 10;
    static final int MAX_AGE = 120;
    /** The dataset runs 2021 to 2023; a date outside this century is a typo, not a sale. */
    static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST_DATE = LocalDate.of(2099, 12, 31);

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private SaleRules() {
    }

    /** The first rule {@code sale} breaks, in words, or empty if it breaks none. */
    static Optional<String> violation(Sale sale) {
        if (blank(sale.getInvoiceNo()) || blank(sale.getCustomerId())) {
            return Optional.of("invoice_no and customer_id must not be empty");
        }
        if (sale.getQuantity() < 1) {
            return Optional.of("quantity " + sale.getQuantity() + " is less than 1");
        }
        Optional<Category> category = Category.fromLabel(sale.getCategory());
        if (category.isEmpty()) {
            return Optional.of("unknown category '" + sale.getCategory() + "'");
        }
        BigDecimal price = sale.getPrice();
        if (price == null || price.stripTrailingZeros().scale() > 2) {
            return Optional.of("price " + price + " is not an amount in lira and cents");
        }
        BigDecimal expected = category.get().price(sale.getQuantity());
        if (price.subtract(expected).abs().compareTo(CENT) > 0) {
            return Optional.of("price " + price.toPlainString() + " is not " + sale.getQuantity() + " x "
                + category.get().unitPrice().toPlainString() + " (" + expected.toPlainString() + ") within a cent");
        }
        if (sale.getAge() < MIN_AGE || sale.getAge() > MAX_AGE) {
            return Optional.of("age " + sale.getAge() + " is outside " + MIN_AGE + ".." + MAX_AGE);
        }
        if (ShoppingMall.fromLabel(sale.getShoppingMall()).isEmpty()) {
            return Optional.of("unknown shopping_mall '" + sale.getShoppingMall() + "'");
        }
        if (PaymentMethod.fromLabel(sale.getPaymentMethod()).isEmpty()) {
            return Optional.of("unknown payment_method '" + sale.getPaymentMethod() + "'");
        }
        LocalDate date = sale.getInvoiceDate();
        if (date == null || date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            return Optional.of("invoice_date " + date + " is outside " + EARLIEST_DATE + ".." + LATEST_DATE);
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
