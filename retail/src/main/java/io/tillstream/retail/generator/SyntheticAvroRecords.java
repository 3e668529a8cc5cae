package io.tillstream.retail.generator;

import io.tillstream.retail.SyntheticSaleWriter;

/**
 * Synthetic sales in Avro, drawn and written straight to bytes by a {@link SyntheticSaleWriter} once
 * due: the same bytes as {@link EncodedSales} with an {@link AvroSaleEncoder}, without the Sale, Strings,
 * BigDecimal and Instant in between, which were most of the generator's own work per record.
 */
final class SyntheticAvroRecords implements SaleRecords {

    private final SyntheticSaleWriter writer;
    private final SaleKey key;
    private byte[] value;

    SyntheticAvroRecords(SyntheticSaleWriter writer, SaleKey key) {
        this.writer = writer;
        this.key = key;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    /** A synthetic stream is paced by rate or not at all, and neither pacer looks at the sale, which is drawn later. */
    @Override
    public long nextDueNanos(Pacer pacer, long index) {
        return pacer.dueNanos(index, null);
    }

    /** Drawn now, so stamped now: whether the run waited makes no difference. */
    @Override
    public void encode(boolean waited) {
        value = writer.next();
    }

    @Override
    public byte[] key() {
        return switch (key) {
            case INVOICE_NO -> writer.invoiceNo();
            case CUSTOMER_ID -> writer.customerId();
            case SHOPPING_MALL -> writer.shoppingMall();
            case NONE -> null;
        };
    }

    @Override
    public byte[] value() {
        return value;
    }
}
