package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Big-endian binary forms of the totals for the state stores and the repartition topic: they are
 * written on every sale or every few milliseconds, so they get the smallest, fastest form. The
 * compacted output topics carry the registered Avro {@code SalesTotals} instead.
 */
final class TotalsSerdes {

    private static final int TOTALS = 3 * Long.BYTES;
    private static final int PARTITION_TOTALS = Integer.BYTES + TOTALS;

    private TotalsSerdes() {
    }

    static Serde<Totals> totals() {
        return serde(totals -> TOTALS, TotalsSerdes::put, (buffer, topic) -> {
            expect(buffer, TOTALS, "Totals", topic);
            return get(buffer);
        });
    }

    static Serde<PartitionTotals> partitionTotals() {
        return serde(update -> PARTITION_TOTALS, (buffer, update) -> {
            buffer.putInt(update.partition());
            put(buffer, update.totals());
        }, (buffer, topic) -> {
            expect(buffer, PARTITION_TOTALS, "PartitionTotals", topic);
            return new PartitionTotals(buffer.getInt(), get(buffer));
        });
    }

    static Serde<SplitTotals> splitTotals() {
        return serde(split -> split.partitions().length * PARTITION_TOTALS, (buffer, split) -> {
            for (int i = 0; i < split.partitions().length; i++) {
                buffer.putInt(split.partitions()[i]);
                put(buffer, split.totals()[i]);
            }
        }, (buffer, topic) -> {
            if (buffer.remaining() % PARTITION_TOTALS != 0) {
                throw new SerializationException("SplitTotals are a multiple of " + PARTITION_TOTALS + " bytes, not "
                    + buffer.remaining() + " (topic " + topic + ")");
            }
            int count = buffer.remaining() / PARTITION_TOTALS;
            int[] partitions = new int[count];
            Totals[] totals = new Totals[count];
            for (int i = 0; i < count; i++) {
                partitions[i] = buffer.getInt();
                totals[i] = get(buffer);
            }
            return new SplitTotals(partitions, totals);
        });
    }

    private interface Reader<T> {
        T read(ByteBuffer buffer, String topic);
    }

    private static <T> Serde<T> serde(ToIntFunction<T> size, BiConsumer<ByteBuffer, T> writer, Reader<T> reader) {
        Function<T, byte[]> write = value -> {
            ByteBuffer buffer = ByteBuffer.allocate(size.applyAsInt(value));
            writer.accept(buffer, value);
            return buffer.array();
        };
        return Serdes.serdeFrom((topic, value) -> value == null ? null : write.apply(value),
            (topic, data) -> data == null ? null : reader.read(ByteBuffer.wrap(data), topic));
    }

    private static void put(ByteBuffer buffer, Totals totals) {
        buffer.putLong(totals.revenueCents()).putLong(totals.quantity()).putLong(totals.invoices());
    }

    private static Totals get(ByteBuffer buffer) {
        return new Totals(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    private static void expect(ByteBuffer buffer, int size, String what, String topic) {
        if (buffer.remaining() != size) {
            throw new SerializationException(what + " are " + size + " bytes, not " + buffer.remaining() + " (topic " + topic + ")");
        }
    }
}
