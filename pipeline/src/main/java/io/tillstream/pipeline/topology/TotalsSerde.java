package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * Totals as three big-endian longs, for the repartition topic and the state stores: every sale
 * passes through them several times, so they get the smallest, fastest form. The compacted output
 * topics carry the registered Avro {@code SalesTotals} instead.
 */
final class TotalsSerde implements Serde<Totals> {

    private static final int SIZE = 3 * Long.BYTES;

    @Override
    public Serializer<Totals> serializer() {
        return (topic, totals) -> totals == null ? null : ByteBuffer.allocate(SIZE)
            .putLong(totals.revenueCents()).putLong(totals.quantity()).putLong(totals.invoices()).array();
    }

    @Override
    public Deserializer<Totals> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length != SIZE) {
                throw new SerializationException("Totals are " + SIZE + " bytes, not " + data.length + " (topic " + topic + ")");
            }
            ByteBuffer buffer = ByteBuffer.wrap(data);
            return new Totals(buffer.getLong(), buffer.getLong(), buffer.getLong());
        };
    }
}
