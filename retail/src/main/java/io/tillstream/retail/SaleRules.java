package io.tillstream.retail;

import org.apache.avro.LogicalTypes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The one definition of a valid sale, for every way a sale comes in: the CSV reader applies it to
 * the rows of a file, the pipeline to the records it decodes, so that a row {@code generate} sends
 * is a sale {@code process} counts, and the reverse.
 *
 * <p>Columns with a closed set of values in the dataset (gender, category, payment method, mall)
 * must hold one of them, spelled as the dataset spells it: anything else is a typo or another
 * dataset, would open a group of its own in the totals, and a category is what fixes the unit price.
 * Identifiers need only be there; their {@code I}/{@code C} + six digits shape is the dataset's
 * habit, and nothing depends on it. Numbers are checked for what is plausible, not for the range the
 * dataset happens to show (ages 18 to 69, quantities 1 to 5): an age from 10 to 120, a quantity of 1
 * or more, as long as the price still fits the schema.
 */
public final class SaleRules {

    /** Wider than the dataset's 18 to 69 on purpose: any plausible shopper passes, a typo such as 0 or 280 does not. */
    private static final int MIN_AGE = 10;
    private static final int MAX_AGE = 120;
    /** The dataset runs 2021 to 2023 and the generator writes today; a date outside this century is a typo, not a sale. */
    private static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST_DATE = LocalDate.of(2099, 12, 31);

    /** The most the schema's {@code decimal(12,2)} holds: a larger price could not be sent at all. */
    private static final BigDecimal LARGEST_PRICE = largest((LogicalTypes.Decimal) Sale.getClassSchema().getField("price")
        .schema().getLogicalType());

    /**
     * The first rule a sale breaks.
     *
     * @param field  the column (Avro field) at fault, e.g. {@code price}
     * @param reason one line saying what is wrong, naming the field and its value
     */
    public record Violation(String field, String reason) {
    }

    private SaleRules() {
    }

    /** The first rule {@code sale} breaks, in column order, or empty if it breaks none. */
    public static Optional<Violation> check(Sale sale) {
        if (blank(sale.getInvoiceNo())) {
            return violation("invoice_no", "invoice_no is empty");
        }
        if (blank(sale.getCustomerId())) {
            return violation("customer_id", "customer_id is empty");
        }
        if (Gender.fromLabel(sale.getGender()).isEmpty()) {
            return unknown("gender", sale.getGender());
        }
        if (sale.getAge() < MIN_AGE || sale.getAge() > MAX_AGE) {
            return violation("age", "age " + sale.getAge() + " is outside " + MIN_AGE + ".." + MAX_AGE);
        }
        Optional<Category> category = Category.fromLabel(sale.getCategory());
        if (category.isEmpty()) {
            return unknown("category", sale.getCategory());
        }
        if (sale.getQuantity() < 1) {
            return violation("quantity", "quantity must be 1 or more, not " + sale.getQuantity());
        }
        Optional<Violation> price = priceViolation(sale.getPrice(), category.get(), sale.getQuantity());
        if (price.isPresent()) {
            return price;
        }
        if (PaymentMethod.fromLabel(sale.getPaymentMethod()).isEmpty()) {
            return unknown("payment_method", sale.getPaymentMethod());
        }
        LocalDate date = sale.getInvoiceDate();
        if (date == null || date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            return violation("invoice_date", "invoice_date " + date + " is outside " + EARLIEST_DATE + ".." + LATEST_DATE);
        }
        if (ShoppingMall.fromLabel(sale.getShoppingMall()).isEmpty()) {
            return unknown("shopping_mall", sale.getShoppingMall());
        }
        return Optional.empty();
    }

    /**
     * The dataset's prices are quantity times the unit price to the cent, with no rounding anywhere;
     * so a price a cent off is a wrong price, and totals stay exact.
     */
    private static Optional<Violation> priceViolation(BigDecimal price, Category category, int quantity) {
        BigDecimal expected = category.price(quantity);
        if (price == null || price.compareTo(expected) != 0) {
            return violation("price", "price " + (price == null ? null : price.toPlainString()) + " is not " + quantity
                + " x " + category.unitPrice().toPlainString() + " = " + expected.toPlainString());
        }
        if (expected.compareTo(LARGEST_PRICE) > 0) {
            return violation("price", "price " + price.toPlainString() + " is more than a sale's price holds ("
                + LARGEST_PRICE.toPlainString() + ")");
        }
        return Optional.empty();
    }

    private static Optional<Violation> unknown(String field, String value) {
        return violation(field, "unknown " + field + " '" + value + "'");
    }

    private static Optional<Violation> violation(String field, String reason) {
        return Optional.of(new Violation(field, reason));
    }

    private static BigDecimal largest(LogicalTypes.Decimal decimal) {
        return new BigDecimal(BigInteger.TEN.pow(decimal.getPrecision()).subtract(BigInteger.ONE), decimal.getScale());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
