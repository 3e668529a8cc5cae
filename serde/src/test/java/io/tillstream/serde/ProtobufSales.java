package io.tillstream.serde;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import com.google.type.Money;
import io.tillstream.serde.sample.protobuf.Sale;

/** The sale of {@link Sales} as the message generated from the test copy of sale.proto. */
public final class ProtobufSales {

    /** The import path the test copy of sale.proto compiles under, which names its subject when imported. */
    public static final String SALE_PROTO = "io/tillstream/serde/sample/sale.proto";

    private ProtobufSales() {
    }

    /** The first line of the retail dataset, emitted at a fixed time. */
    public static Sale sale() {
        return Sale.newBuilder()
            .setInvoiceNo("I138884")
            .setCustomerId("C241288")
            .setGender("Female")
            .setAge(28)
            .setCategory("Clothing")
            .setQuantity(5)
            .setPrice(Money.newBuilder().setCurrencyCode("TRY").setUnits(1500).setNanos(400_000_000))
            .setPaymentMethod("Credit Card")
            .setInvoiceDate(Date.newBuilder().setYear(2022).setMonth(8).setDay(5))
            .setShoppingMall("Kanyon")
            .setEventTime(Timestamp.newBuilder().setSeconds(1_651_400_000L))
            .build();
    }
}
