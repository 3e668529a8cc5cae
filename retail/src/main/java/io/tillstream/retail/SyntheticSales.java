package io.tillstream.retail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * An endless stream of sales drawn from the real dataset's distributions: category (and with it the
 * unit price), mall, payment method, gender, age 18..69 and quantity 1..5 about uniform, and a pool of
 * returning customers so that per-customer figures mean something. The same seed gives the same
 * sales, apart from the timestamps taken from the clock.
 */
public final class SyntheticSales implements Iterator<Sale> {

    public static final int MIN_AGE = 18;
    public static final int MAX_AGE = 69;
    public static final int MAX_QUANTITY = 5;
    /** Invoice dates are the day in Istanbul, where the dataset's malls are. */
    public static final ZoneId MALL_TIME_ZONE = ZoneId.of("Europe/Istanbul");

    private static final Distribution<Category> CATEGORIES = Distribution.ofShares(Category.class);
    private static final Distribution<ShoppingMall> MALLS = Distribution.ofShares(ShoppingMall.class);
    private static final Distribution<PaymentMethod> PAYMENTS = Distribution.ofShares(PaymentMethod.class);
    private static final Distribution<Gender> GENDERS = Distribution.ofShares(Gender.class);

    private final SplittableRandom random;
    private final Clock clock;
    private final Customer[] customers;
    private final CodeSequence invoices;
    /** The invoice date of the current day and when it ends: resolving the time zone for every sale costs a fifth of the generator's time. */
    private LocalDate today;
    private Instant todayStarts = Instant.MAX;
    private Instant tomorrowStarts = Instant.MIN;

    /**
     * @param seed      makes the stream reproducible
     * @param customers how many distinct customers come back, at least 1
     * @param clock     gives each sale its event time and invoice date
     */
    public SyntheticSales(long seed, int customers, Clock clock) {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, not " + customers);
        }
        this.random = new SplittableRandom(seed);
        this.clock = clock;
        this.invoices = new CodeSequence('I', random.nextLong());
        CodeSequence customerIds = new CodeSequence('C', random.nextLong());
        this.customers = new Customer[customers];
        for (int i = 0; i < customers; i++) {
            this.customers[i] = new Customer(customerIds.next(), GENDERS.draw(random),
                random.nextInt(MIN_AGE, MAX_AGE + 1));
        }
    }

    private LocalDate invoiceDate(Instant now) {
        if (now.isBefore(todayStarts) || !now.isBefore(tomorrowStarts)) {
            today = LocalDate.ofInstant(now, MALL_TIME_ZONE);
            todayStarts = today.atStartOfDay(MALL_TIME_ZONE).toInstant();
            tomorrowStarts = today.plusDays(1).atStartOfDay(MALL_TIME_ZONE).toInstant();
        }
        return today;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Sale next() {
        Customer customer = customers[random.nextInt(customers.length)];
        Category category = CATEGORIES.draw(random);
        int quantity = random.nextInt(1, MAX_QUANTITY + 1);
        Instant now = clock.instant();
        // The all-fields constructor, not the builder: the builder validates every field again, which
        // shows in an unthrottled run. Arguments are evaluated in order, so the draws stay reproducible.
        return new Sale(invoices.next(), customer.id(), customer.gender().label(), customer.age(), category.label(),
            quantity, category.price(quantity), PAYMENTS.draw(random).label(), invoiceDate(now),
            MALLS.draw(random).label(), now);
    }
}
