package io.tillstream.pipeline.topology;

import io.tillstream.retail.Sale;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Valid sales for the topology's tests, which each change only what they are about. */
final class Sales {

    private Sales() {
    }

    /** The dataset's first row (5 Clothing at 300.08 in Kanyon), emitted at {@link TopologyHarness#START}. */
    static Sale.Builder sale() {
        return Sale.newBuilder()
            .setInvoiceNo("I138884")
            .setCustomerId("C241288")
            .setGender("Female")
            .setAge(28)
            .setCategory("Clothing")
            .setQuantity(5)
            .setPrice(new BigDecimal("1500.40"))
            .setPaymentMethod("Credit Card")
            .setInvoiceDate(LocalDate.of(2022, 8, 5))
            .setShoppingMall("Kanyon")
            .setEventTime(TopologyHarness.START);
    }

    /** {@code quantity} items of Books (15.15 each) in {@code mall}, emitted at {@code eventTime}. */
    static Sale books(String invoiceNo, String mall, int quantity, Instant eventTime) {
        return sale().setInvoiceNo(invoiceNo).setCategory("Books").setQuantity(quantity)
            .setPrice(new BigDecimal("15.15").multiply(BigDecimal.valueOf(quantity))).setShoppingMall(mall)
            .setEventTime(eventTime).build();
    }
}
