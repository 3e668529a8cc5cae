package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.retail.AvroBinaryOutput;
import io.tillstream.retail.SaleAvroLayout;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Arrays;
import java.util.List;

/**
 * Enriched sales in Confluent's wire format. The Avro serializer registers (or looks up) the schema
 * and writes the first sale; after that, while it writes with EnrichedSale's own schema, the same
 * bytes are written here field by field, as the generator writes sales: Avro's writer walks the
 * schema and converts two decimals, a date and a timestamp through conversion objects for every
 * record, a twentieth of the stream thread. Thread-safe: the stream threads share one serializer.
 */
final class EnrichedSaleSerializer implements Serializer<EnrichedSale> {

    /** EnrichedSale's fields in the order {@link #write} writes them. */
    private static final List<String> LAYOUT = List.of("invoice_no string", "customer_id string", "gender string",
        "age int", "category string", "quantity int", "price bytes decimal(12,2)", "payment_method string",
        "invoice_date int date", "shopping_mall string", "event_time long timestamp-millis", "invoice_year int",
        "invoice_month int", "invoice_day int", "unit_price bytes decimal(12,2)", "age_group string");

    private final Serializer<EnrichedSale> avro;
    private final SchemaRegistryClient registry;
    private final ThreadLocal<AvroBinaryOutput> outputs = ThreadLocal.withInitial(AvroBinaryOutput::new);
    /** The wire-format header of EnrichedSale's own schema; null until the Avro serializer wrote with it. */
    private volatile byte[] header;

    /**
     * @param avro     the configured Avro serializer, which registers the schema
     * @param registry the client it uses, asked once which schema its first record was written with
     * @throws IllegalStateException if EnrichedSale's schema is no longer the one written here
     */
    EnrichedSaleSerializer(Serializer<EnrichedSale> avro, SchemaRegistryClient registry) {
        List<String> layout = SaleAvroLayout.describe(EnrichedSale.getClassSchema());
        if (!layout.equals(LAYOUT)) {
            throw new IllegalStateException("EnrichedSale's schema changed: its fields are " + layout + ", but the "
                + "serializer writes " + LAYOUT);
        }
        this.avro = avro;
        this.registry = registry;
    }

    @Override
    public byte[] serialize(String topic, EnrichedSale sale) {
        byte[] known = header;
        if (known != null && sale != null) {
            try {
                return write(known, sale);
            } catch (RuntimeException refused) {
                // A value written otherwise than Avro would (a price of another scale, say): Avro decides.
            }
        }
        byte[] bytes = avro.serialize(topic, sale);
        // With use.latest.version the serializer may write with another schema, which is left to it.
        if (known == null && bytes != null && registry.getAvroSchema(WireFormat.schemaId(bytes)).equals(EnrichedSale.getClassSchema())) {
            header = Arrays.copyOf(bytes, WireFormat.HEADER_SIZE);
        }
        return bytes;
    }

    private byte[] write(byte[] header, EnrichedSale sale) {
        AvroBinaryOutput out = outputs.get();
        out.start(header);
        SaleAvroLayout.write(out, sale.getInvoiceNo(), sale.getCustomerId(), sale.getGender(), sale.getAge(), sale.getCategory(),
            sale.getQuantity(), sale.getPrice(), sale.getPaymentMethod(), sale.getInvoiceDate(), sale.getShoppingMall(),
            sale.getEventTime());
        out.writeLong(sale.getInvoiceYear());
        out.writeLong(sale.getInvoiceMonth());
        out.writeLong(sale.getInvoiceDay());
        out.writeDecimal(sale.getUnitPrice(), SaleAvroLayout.PRICE_PRECISION, SaleAvroLayout.PRICE_SCALE);
        out.writeLabel(sale.getAgeGroup());
        return out.toByteArray();
    }
}
