package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;

import java.time.Clock;

/** A source's sales, each encoded by a {@link SaleEncoder}: every format, every source. */
final class EncodedSales implements SaleRecords {

    private final SaleSource source;
    private final SaleEncoder encoder;
    private final Clock clock;
    private Sale sale;
    private byte[] key;
    private byte[] value;

    EncodedSales(SaleSource source, SaleEncoder encoder, Clock clock) {
        this.source = source;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public long nextDueNanos(Pacer pacer, long index) {
        sale = source.next();
        return pacer.dueNanos(index, sale);
    }

    @Override
    public void encode(boolean waited) {
        if (waited) {
            // The source stamped the sale when it was taken; it goes out now.
            sale.setEventTime(clock.instant());
        }
        key = encoder.key(sale);
        value = encoder.value(sale);
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }
}
