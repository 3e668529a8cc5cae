package io.tillstream.retail;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Draws {@link SyntheticSales}' sales and writes each straight into Sale's Avro binary encoding, with no
 * Sale, String, BigDecimal or Instant made on the way: the bytes are those of
 * {@code SaleAvroLayout.write} for the sale that {@link SyntheticSales#next()} would have drawn at the
 * same clock reading. The few fields that follow from a draw are encoded once: customer_id, gender and
 * age per customer; category, quantity and price per category and quantity; the payment method and
 * the mall per value. Not thread-safe.
 */
public final class SyntheticSaleWriter {

    private final SyntheticSales sales;
    private final byte[] header;
    private final SaleDraw draw = new SaleDraw();
    private final AvroBinaryOutput out = new AvroBinaryOutput();
    /** customer_id, gender and age of each customer of the pool. */
    private final byte[][] customerFields;
    /** The ASCII of each customer's id, the record key when keyed by customer. */
    private final byte[][] customerIds;
    /** category, quantity and price, at {@code category.ordinal() * (MAX_QUANTITY + 1) + quantity}. */
    private final byte[][] lineFields;
    private final byte[][] paymentMethods;
    private final byte[][] shoppingMalls;
    private final byte[][] shoppingMallLabels;
    private byte[] invoiceNo;

    /**
     * @param sales  the stream to draw from; its next draws are this writer's
     * @param header the bytes every record starts with (Confluent's wire-format header, say)
     * @throws IllegalStateException if Sale's schema is no longer the one this writer encodes
     */
    public SyntheticSaleWriter(SyntheticSales sales, byte[] header) {
        SaleAvroLayout.requireSaleClassLayout();
        this.sales = sales;
        this.header = header.clone();
        int customers = sales.customerCount();
        this.customerFields = new byte[customers][];
        this.customerIds = new byte[customers][];
        for (int i = 0; i < customers; i++) {
            Customer customer = sales.customer(i);
            customerFields[i] = encode(out -> {
                out.writeString(customer.id());
                out.writeLabel(customer.gender().label());
                out.writeLong(customer.age());
            });
            customerIds[i] = customer.id().getBytes(StandardCharsets.UTF_8);
        }
        Category[] categories = Category.values();
        int quantities = SyntheticSales.MAX_QUANTITY + 1;
        this.lineFields = new byte[categories.length * quantities][];
        for (Category category : categories) {
            for (int quantity = 1; quantity < quantities; quantity++) {
                int q = quantity;
                lineFields[category.ordinal() * quantities + quantity] = encode(out -> {
                    out.writeLabel(category.label());
                    out.writeLong(q);
                    out.writeDecimal(category.price(q), SaleAvroLayout.PRICE_PRECISION, SaleAvroLayout.PRICE_SCALE);
                });
            }
        }
        PaymentMethod[] payments = PaymentMethod.values();
        this.paymentMethods = new byte[payments.length][];
        for (PaymentMethod payment : payments) {
            paymentMethods[payment.ordinal()] = encode(out -> out.writeLabel(payment.label()));
        }
        ShoppingMall[] malls = ShoppingMall.values();
        this.shoppingMalls = new byte[malls.length][];
        this.shoppingMallLabels = new byte[malls.length][];
        for (ShoppingMall mall : malls) {
            shoppingMalls[mall.ordinal()] = encode(out -> out.writeLabel(mall.label()));
            shoppingMallLabels[mall.ordinal()] = mall.label().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] encode(Consumer<AvroBinaryOutput> fields) {
        AvroBinaryOutput out = new AvroBinaryOutput();
        out.start(new byte[0]);
        fields.accept(out);
        return out.toByteArray();
    }

    /**
     * Draws the next sale, stamped with the clock's current millisecond, and writes it.
     *
     * @return the header and the sale's Avro encoding, in a new array
     */
    public byte[] next() {
        sales.draw(draw);
        long now = sales.clock().millis();
        invoiceNo = sales.invoiceCode(draw.invoiceNumber);
        out.start(header);
        out.writeUtf8(invoiceNo);
        out.writeRaw(customerFields[draw.customer]);
        out.writeRaw(lineFields[draw.category.ordinal() * (SyntheticSales.MAX_QUANTITY + 1) + draw.quantity]);
        out.writeRaw(paymentMethods[draw.paymentMethod.ordinal()]);
        out.writeLong(Math.toIntExact(sales.invoiceDate(now).toEpochDay()));
        out.writeRaw(shoppingMalls[draw.shoppingMall.ordinal()]);
        out.writeLong(now);
        return out.toByteArray();
    }

    /** The last sale's invoice_no as UTF-8: each sale's is a new array. */
    public byte[] invoiceNo() {
        return invoiceNo;
    }

    /** The last sale's customer_id as UTF-8, in a new array. */
    public byte[] customerId() {
        return customerIds[draw.customer].clone();
    }

    /** The last sale's shopping_mall as UTF-8, in a new array. */
    public byte[] shoppingMall() {
        return shoppingMallLabels[draw.shoppingMall.ordinal()].clone();
    }
}
