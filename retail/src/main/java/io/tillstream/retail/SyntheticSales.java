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
    private final SaleDraw draw = new SaleDraw();
    /** The invoice date of the current day and when it ends (epoch millis): resolving the time zone for every sale costs a fifth of the generator's time. */
    private LocalDate today;
    private long todayStarts = Long.MAX_VALUE;
    private long tomorrowStarts = Long.MIN_VALUE;

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

    /** The invoice date of a sale at {@code epochMilli}; days start on whole seconds, so millis decide it as an Instant would. */
    LocalDate invoiceDate(long epochMilli) {
        if (epochMilli < todayStarts || epochMilli >= tomorrowStarts) {
            today = LocalDate.ofInstant(Instant.ofEpochMilli(epochMilli), MALL_TIME_ZONE);
            todayStarts = today.atStartOfDay(MALL_TIME_ZONE).toInstant().toEpochMilli();
            tomorrowStarts = today.plusDays(1).atStartOfDay(MALL_TIME_ZONE).toInstant().toEpochMilli();
        }
        return today;
    }

    /**
     * Draws the next sale into {@code into}, in the order that makes a seed's stream: customer, category,
     * quantity, payment method, mall (the invoice number takes no draw).
     */
    void draw(SaleDraw into) {
        into.customer = random.nextInt(customers.length);
        into.category = CATEGORIES.draw(random);
        into.quantity = random.nextInt(1, MAX_QUANTITY + 1);
        into.invoiceNumber = invoices.nextNumber();
        into.paymentMethod = PAYMENTS.draw(random);
        into.shoppingMall = MALLS.draw(random);
    }

    Customer customer(int index) {
        return customers[index];
    }

    int customerCount() {
        return customers.length;
    }

    /** The invoice code of {@code number} as ASCII bytes. */
    byte[] invoiceCode(long number) {
        return invoices.ascii(number);
    }

    Clock clock() {
        return clock;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Sale next() {
        draw(draw);
        Customer customer = customers[draw.customer];
        Instant now = clock.instant();
        // The all-fields constructor, not the builder: the builder validates every field again, which
        // shows in an unthrottled run.
        return new Sale(invoices.format(draw.invoiceNumber), customer.id(), customer.gender().label(),
            customer.age(), draw.category.label(), draw.quantity, draw.category.price(draw.quantity),
            draw.paymentMethod.label(), invoiceDate(now.toEpochMilli()), draw.shoppingMall.label(), now);
    }
}
