package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSaleWriter;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.WireFormat;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Avro values: Tillstream's {@link KafkaAvroSerializer} registers (or looks up) the sale schema and
 * writes the sample in {@link #prepare}; after that the same bytes come from a {@link SaleBinaryWriter},
 * at a fraction of Avro's cost, whenever the serializer writes with Sale's own schema; and synthetic
 * sales are then drawn straight into those bytes by a {@link SyntheticSaleWriter}.
 */
final class AvroSaleEncoder extends RegistrySaleEncoder<Object> {

    /** Set by {@link #prepare}, unless the serializer writes with another schema, e.g. a subject's latest. */
    private SaleBinaryWriter writer;
    private byte[] header;

    AvroSaleEncoder(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout) {
        super(topic, key, registrySettings, timeout, KafkaAvroSerializer::new, sale -> sale);
    }

    @Override
    public byte[] value(Sale sale) {
        if (writer != null) {
            try {
                return writer.write(sale);
            } catch (RuntimeException refused) {
                // A sale the writer does not handle goes through Avro, which writes it or fails as it always did.
            }
        }
        return serialize(sale);
    }

    /**
     * The serializer wrote with the schema its ID names, which the registry client has cached since;
     * with {@code use.latest.version} that can be another schema, which the binary writer cannot write.
     */
    @Override
    void prepared(byte[] sample) {
        if (registry.getAvroSchema(WireFormat.schemaId(sample)).equals(Sale.getClassSchema())) {
            header = Arrays.copyOf(sample, WireFormat.HEADER_SIZE);
            writer = new SaleBinaryWriter(header);
        }
    }

    @Override
    public SaleRecords records(SaleSource source, Clock clock) {
        if (writer != null && source instanceof SyntheticSaleSource synthetic) {
            return new SyntheticAvroRecords(new SyntheticSaleWriter(synthetic.sales(), header), key);
        }
        return super.records(source, clock);
    }
}
