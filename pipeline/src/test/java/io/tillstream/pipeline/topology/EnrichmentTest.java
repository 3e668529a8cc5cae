package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.retail.Sale;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichmentTest {

    private static final TopologyHarness topology = TopologyHarness.start();

    @AfterAll
    static void closeTopology() {
        topology.close();
    }

    @Test
    void anEnrichedSaleKeepsEveryFieldAndAddsTheInvoiceDatesPartsTheUnitPriceAndTheAgeGroup() {
        Sale sale = Sales.sale().setCustomerId("C111565").setGender("Male").setAge(35).setCategory("Cosmetics")
            .setQuantity(3).setPrice(new BigDecimal("121.98")).setPaymentMethod("Cash")
            .setInvoiceDate(LocalDate.of(2023, 3, 8)).setShoppingMall("Metrocity").build();
        topology.send(sale);

        assertThat(only(topology.enriched())).isEqualTo(EnrichedSale.newBuilder()
            .setInvoiceNo("I138884")
            .setCustomerId("C111565")
            .setGender("Male")
            .setAge(35)
            .setCategory("Cosmetics")
            .setQuantity(3)
            .setPrice(new BigDecimal("121.98"))
            .setPaymentMethod("Cash")
            .setInvoiceDate(LocalDate.of(2023, 3, 8))
            .setShoppingMall("Metrocity")
            .setEventTime(TopologyHarness.START)
            .setInvoiceYear(2023)
            .setInvoiceMonth(3)
            .setInvoiceDay(8)
            .setUnitPrice(new BigDecimal("40.66"))
            .setAgeGroup("35-44")
            .build());
    }

    @ParameterizedTest(name = "age {0} is in {1}")
    @CsvSource({"10, under 18", "17, under 18", "18, 18-24", "24, 18-24", "25, 25-34", "34, 25-34", "35, 35-44",
        "44, 35-44", "45, 45-54", "54, 45-54", "55, 55-64", "64, 55-64", "65, 65+", "120, 65+"})
    void eachAgeFallsInTheBandThatStartsAtOrBelowIt(int age, String ageGroup) {
        topology.send(Sales.sale().setAge(age).build());

        assertThat(only(topology.enriched()).getAgeGroup()).isEqualTo(ageGroup);
    }

    private static EnrichedSale only(List<TestRecord<byte[], EnrichedSale>> records) {
        assertThat(records).hasSize(1);
        return records.get(0).value();
    }
}
