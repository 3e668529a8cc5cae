package io.tillstream.retail;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticSalesTest {

    private static final int SALES = 100_000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC);

    private final List<Sale> sales = draw(42, 5_000, SALES);

    @Test
    void categoryMallPaymentAndGenderSharesMatchTheDatasetWithinAPercentagePoint() {
        assertShares(Sale::getCategory, Category.values());
        assertShares(Sale::getShoppingMall, ShoppingMall.values());
        assertShares(Sale::getPaymentMethod, PaymentMethod.values());
        assertShares(Sale::getGender, Gender.values());
    }

    @Test
    void everyPriceIsTheQuantityTimesTheCategoryUnitPriceToTheCent() {
        assertThat(sales).allSatisfy(sale -> {
            Category category = Category.fromLabel(sale.getCategory()).orElseThrow();
            assertThat(sale.getPrice()).isEqualByComparingTo(category.unitPrice().multiply(java.math.BigDecimal.valueOf(sale.getQuantity())));
            assertThat(sale.getPrice().scale()).isEqualTo(2);
            assertThat(sale.getQuantity()).isBetween(1, 5);
            assertThat(sale.getAge()).isBetween(18, 69);
        });
        assertThat(sales.stream().map(Sale::getQuantity).distinct()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void invoiceNumbersAreUniqueAndShapedLikeTheDatasets() {
        Set<String> invoices = new HashSet<>();
        sales.forEach(s -> invoices.add(s.getInvoiceNo()));

        assertThat(invoices).hasSize(SALES);
        assertThat(invoices).allMatch(i -> i.matches("I\\d{6}"));
    }

    @Test
    void customersComeBackWithTheSameGenderAndAge() {
        Map<String, Sale> firstVisit = new HashMap<>();
        for (Sale sale : sales) {
            Sale first = firstVisit.putIfAbsent(sale.getCustomerId(), sale);
            if (first != null) {
                assertThat(sale.getGender()).isEqualTo(first.getGender());
                assertThat(sale.getAge()).isEqualTo(first.getAge());
            }
        }
        assertThat(firstVisit).hasSizeLessThanOrEqualTo(5_000).hasSizeGreaterThan(4_900);
        assertThat(firstVisit.keySet()).allMatch(c -> c.matches("C\\d{6}"));
    }

    @Test
    void theSameSeedGivesTheSameSalesAndAnotherSeedOthers() {
        assertThat(draw(42, 5_000, 1_000)).isEqualTo(sales.subList(0, 1_000));
        assertThat(draw(43, 5_000, 1_000)).isNotEqualTo(sales.subList(0, 1_000));
    }

    @Test
    void theInvoiceDateIsTheDayInIstanbulOfTheEventTime() {
        Clock lateEvening = Clock.fixed(Instant.parse("2026-11-24T22:30:00Z"), ZoneOffset.UTC);
        Sale sale = new SyntheticSales(1, 10, lateEvening).next();

        assertThat(sale.getEventTime()).isEqualTo(Instant.parse("2026-11-24T22:30:00Z"));
        assertThat(sale.getInvoiceDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 25));
    }

    @Test
    void theInvoiceDateFollowsTheClockAcrossMidnightInIstanbul() {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
            Instant.parse("2026-11-24T20:59:59Z"));
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        SyntheticSales source = new SyntheticSales(1, 10, moving);

        assertThat(source.next().getInvoiceDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 24));
        now.set(Instant.parse("2026-11-24T21:00:00Z"));
        assertThat(source.next().getInvoiceDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 25));
        now.set(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(source.next().getInvoiceDate()).as("a clock set back").isEqualTo(java.time.LocalDate.of(2026, 11, 23));
    }

    private <E extends Enum<E> & DatasetValue> void assertShares(Function<Sale, String> field, E[] values) {
        Map<String, Integer> counts = new HashMap<>();
        sales.forEach(s -> counts.merge(field.apply(s), 1, Integer::sum));
        double total = 0;
        for (E value : values) {
            total += value.share();
        }
        assertThat(counts.keySet()).hasSize(values.length);
        for (E value : values) {
            double observed = 100.0 * counts.getOrDefault(value.label(), 0) / SALES;
            assertThat(observed).as(value.label()).isCloseTo(100.0 * value.share() / total, within(1.0));
        }
    }

    private static List<Sale> draw(long seed, int customers, int count) {
        SyntheticSales source = new SyntheticSales(seed, customers, CLOCK);
        List<Sale> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(source.next());
        }
        return result;
    }
}
