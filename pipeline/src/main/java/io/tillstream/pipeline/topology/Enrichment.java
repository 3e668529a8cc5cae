package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.retail.Category;
import io.tillstream.retail.Sale;

import java.time.Instant;
import java.time.LocalDate;

/** A valid sale with the fields downstream jobs derive from it. */
final class Enrichment {

    private Enrichment() {
    }

    /**
     * @param sale      a sale that passed {@link io.tillstream.retail.SaleRules}
     * @param eventTime the sale's event time (its own, or its record's when the sale has none)
     */
    static EnrichedSale enrich(Sale sale, Instant eventTime) {
        LocalDate date = sale.getInvoiceDate();
        return EnrichedSale.newBuilder()
            .setInvoiceNo(sale.getInvoiceNo())
            .setCustomerId(sale.getCustomerId())
            .setGender(sale.getGender())
            .setAge(sale.getAge())
            .setCategory(sale.getCategory())
            .setQuantity(sale.getQuantity())
            .setPrice(sale.getPrice())
            .setPaymentMethod(sale.getPaymentMethod())
            .setInvoiceDate(date)
            .setShoppingMall(sale.getShoppingMall())
            .setEventTime(eventTime)
            .setInvoiceYear(date.getYear())
            .setInvoiceMonth(date.getMonthValue())
            .setInvoiceDay(date.getDayOfMonth())
            .setUnitPrice(Category.fromLabel(sale.getCategory()).orElseThrow().unitPrice())
            .setAgeGroup(AgeGroup.of(sale.getAge()).label())
            .build();
    }
}
