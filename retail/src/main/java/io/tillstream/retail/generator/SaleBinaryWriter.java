package io.tillstream.retail.generator;

import io.tillstream.retail.AvroBinaryOutput;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleAvroLayout;

/**
 * Writes a {@link Sale} in Avro's binary encoding, byte for byte what Avro's {@code SpecificDatumWriter}
 * writes for Sale's schema, after a fixed header (Confluent's wire-format header, say). Avro walks the
 * schema and converts the logical types through its conversion objects for every record, which was a
 * quarter of the generator's sending thread; this writer knows the layout and skips all of that.
 *
 * <p>It writes only what it is sure to write as Avro would: it throws for a missing field (null), a
 * price whose scale is not the schema's or whose precision exceeds it (Avro rescales or rejects those),
 * or an invoice date or event time out of Avro's int or long range; Avro decides those cases.
 * Not thread-safe: the buffer ({@link AvroBinaryOutput}) is reused record after record.
 */
final class SaleBinaryWriter {

    private final byte[] header;
    private final AvroBinaryOutput out = new AvroBinaryOutput();

    /**
     * @param header the bytes every record starts with
     * @throws IllegalStateException if Sale's schema is no longer the one this writer encodes
     */
    SaleBinaryWriter(byte[] header) {
        SaleAvroLayout.requireSaleClassLayout();
        this.header = header.clone();
    }

    /**
     * The header and the sale's Avro encoding, in a new array.
     *
     * @throws RuntimeException for a sale it does not write as Avro would (see the class description)
     */
    byte[] write(Sale sale) {
        out.start(header);
        SaleAvroLayout.write(out, sale.getInvoiceNo(), sale.getCustomerId(), sale.getGender(), sale.getAge(), sale.getCategory(),
            sale.getQuantity(), sale.getPrice(), sale.getPaymentMethod(), sale.getInvoiceDate(), sale.getShoppingMall(),
            sale.getEventTime());
        return out.toByteArray();
    }
}
