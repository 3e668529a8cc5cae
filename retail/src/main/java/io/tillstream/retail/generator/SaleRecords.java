package io.tillstream.retail.generator;

/**
 * The records a run sends, one sale at a time: when it is due, then its key and value bytes. A sale is
 * encoded only once it is due, so that a paced run stamps it with the time it goes out.
 */
interface SaleRecords {

    boolean hasNext();

    /** Moves to the next sale and tells when it is due, in nanoseconds after the start. */
    long nextDueNanos(Pacer pacer, long index);

    /**
     * Encodes the current sale; {@link #key()} and {@link #value()} are then its bytes.
     *
     * @param waited whether the run waited for its due time, so that the sale goes out later than it was taken
     * @throws org.apache.kafka.common.KafkaException if it cannot be encoded, e.g. a serializer's failure
     */
    void encode(boolean waited);

    /** The current sale's key; null for a null key. */
    byte[] key();

    byte[] value();
}
