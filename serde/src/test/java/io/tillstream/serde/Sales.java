package io.tillstream.serde;

import io.tillstream.serde.sample.Sale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Sale records for tests and benchmarks, as GenericRecord or as the generated {@link Sale}. */
public final class Sales {

    public static final Schema SCHEMA = Sale.getClassSchema();

    private Sales() {
    }

    /** The first line of the retail dataset, emitted at a fixed time. */
    public static GenericRecord generic() {
        GenericRecord sale = new GenericData.Record(SCHEMA);
        sale.put("invoice_no", "I138884");
        sale.put("customer_id", "C241288");
        sale.put("gender", "Female");
        sale.put("age", 28);
        sale.put("category", "Clothing");
        sale.put("quantity", 5);
        sale.put("price", new BigDecimal("1500.40"));
        sale.put("payment_method", "Credit Card");
        sale.put("invoice_date", LocalDate.of(2022, 8, 5));
        sale.put("shopping_mall", "Kanyon");
        sale.put("event_time", Instant.ofEpochMilli(1_651_400_000_000L));
        return sale;
    }

    public static Sale specific() {
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
            .setEventTime(Instant.ofEpochMilli(1_651_400_000_000L))
            .build();
    }
}
