package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;

import java.time.Clock;
import java.time.Duration;

/**
 * Turns a sale into the bytes of a record's key and value. Encoding happens before the producer
 * gets the record, so that the generator knows each record's size and a failure to encode is never
 * counted as sent.
 */
interface SaleEncoder extends AutoCloseable {

    /** The key's bytes; null for a null key. */
    byte[] key(Sale sale);

    byte[] value(Sale sale);

    /** The records of {@code source}'s sales in this encoding; call after {@link #prepare}. */
    default SaleRecords records(SaleSource source, Clock clock) {
        return new EncodedSales(source, this, clock);
    }

    /** Makes sure encoding can work, e.g. that the schema is registered, trying for up to {@code timeout}. */
    void prepare(Duration timeout);

    @Override
    void close();
}
