package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.Totals;
import io.tillstream.retail.Sale;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionAggregatorTest {

    private static final Duration INTERVAL = Duration.ofMillis(PartitionAggregator.FORWARD_INTERVAL_MS);

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.start();

    @Test
    void everySaleAddsToItsMallCategoryPaymentMethodDayAndCustomerToTheCent() {
        topology.send(clothingInKanyon());
        topology.send(booksInKanyon());
        topology.send(bookInMetrocity());

        Map<String, Totals> store = new HashMap<>();
        topology.totalsStore().all().forEachRemaining(entry -> store.put(entry.key, entry.value));
        assertThat(store).isEqualTo(Map.ofEntries(
            Map.entry(Breakdown.MALL.key("Kanyon"), new Totals(1500_40 + 30_30, 7, 2)),
            Map.entry(Breakdown.MALL.key("Metrocity"), new Totals(15_15, 1, 1)),
            Map.entry(Breakdown.CATEGORY.key("Clothing"), new Totals(1500_40, 5, 1)),
            Map.entry(Breakdown.CATEGORY.key("Books"), new Totals(30_30 + 15_15, 3, 2)),
            Map.entry(Breakdown.PAYMENT_METHOD.key("Credit Card"), new Totals(1500_40, 5, 1)),
            Map.entry(Breakdown.PAYMENT_METHOD.key("Cash"), new Totals(30_30 + 15_15, 3, 2)),
            Map.entry(Breakdown.DAY.key("2022-08-05"), new Totals(1500_40 + 30_30, 7, 2)),
            Map.entry(Breakdown.DAY.key("2022-08-06"), new Totals(15_15, 1, 1)),
            Map.entry(Breakdown.CUSTOMER.key("C241288"), new Totals(1500_40 + 15_15, 6, 2)),
            Map.entry(Breakdown.CUSTOMER.key("C111565"), new Totals(30_30, 2, 1))));
    }

    @Test
    void everyIntervalOnlyTheGroupsThatChangedGoOnToTheirCompactedTopics() {
        topology.send(clothingInKanyon());
        topology.send(booksInKanyon());
        assertThat(topology.aggregate(Breakdown.MALL)).as("before the first interval").isEmpty();

        topology.advance(INTERVAL);
        assertThat(topology.aggregate(Breakdown.MALL)).containsExactly(
            KeyValue.pair("Kanyon", new Totals(1500_40 + 30_30, 7, 2)));
        assertThat(topology.aggregate(Breakdown.CATEGORY)).containsExactlyInAnyOrder(
            KeyValue.pair("Clothing", new Totals(1500_40, 5, 1)), KeyValue.pair("Books", new Totals(30_30, 2, 1)));
        assertThat(topology.aggregate(Breakdown.PAYMENT_METHOD)).containsExactlyInAnyOrder(
            KeyValue.pair("Credit Card", new Totals(1500_40, 5, 1)), KeyValue.pair("Cash", new Totals(30_30, 2, 1)));
        assertThat(topology.aggregate(Breakdown.DAY)).containsExactly(KeyValue.pair("2022-08-05", new Totals(1500_40 + 30_30, 7, 2)));

        topology.send(bookInMetrocity());
        topology.advance(INTERVAL);
        assertThat(topology.aggregate(Breakdown.MALL)).containsExactly(KeyValue.pair("Metrocity", new Totals(15_15, 1, 1)));
        assertThat(topology.aggregate(Breakdown.CATEGORY)).containsExactly(KeyValue.pair("Books", new Totals(30_30 + 15_15, 3, 2)));
        assertThat(topology.aggregate(Breakdown.PAYMENT_METHOD)).containsExactly(
            KeyValue.pair("Cash", new Totals(30_30 + 15_15, 3, 2)));
        assertThat(topology.aggregate(Breakdown.DAY)).containsExactly(KeyValue.pair("2022-08-06", new Totals(15_15, 1, 1)));

        topology.advance(INTERVAL);
        for (Breakdown breakdown : Breakdown.withTopics()) {
            assertThat(topology.aggregate(breakdown)).as("%s with nothing new", breakdown).isEmpty();
        }
    }

    /** The dataset's first row: 5 Clothing in Kanyon by card, customer C241288, 5 August 2022. */
    private static Sale clothingInKanyon() {
        return Sales.sale().build();
    }

    private static Sale booksInKanyon() {
        return Sales.sale().setInvoiceNo("I100002").setCustomerId("C111565").setCategory("Books").setQuantity(2)
            .setPrice(new BigDecimal("30.30")).setPaymentMethod("Cash").build();
    }

    /** The first customer again, the next day, elsewhere. */
    private static Sale bookInMetrocity() {
        return Sales.sale().setInvoiceNo("I100003").setCategory("Books").setQuantity(1).setPrice(new BigDecimal("15.15"))
            .setPaymentMethod("Cash").setInvoiceDate(LocalDate.of(2022, 8, 6)).setShoppingMall("Metrocity").build();
    }
}
