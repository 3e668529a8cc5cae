package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleAvroLayout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link Sale} in Avro's binary encoding, byte for byte what Avro's {@code SpecificDatumWriter}
 * writes for Sale's schema, after a fixed header (Confluent's wire-format header, say). Avro walks the
 * schema and converts the logical types through its conversion objects for every record, which was a
 * quarter of the generator's sending thread; this writer knows the layout and skips all of that.
 *
 * <p>It writes only what it is sure to write as Avro would: it throws for a missing field (null), a
 * price whose scale is not the schema's or whose precision exceeds it (Avro rescales or rejects those),
 * or an invoice date or event time out of Avro's int or long range; Avro decides those cases.
 * Not thread-safe: the buffer is reused record after record.
 */
final class SaleBinaryWriter {

    private static final int PRICE_PRECISION = SaleAvroLayout.PRICE_PRECISION;
    private static final int PRICE_SCALE = SaleAvroLayout.PRICE_SCALE;

    /** Gender, category, payment method and mall take a few dozen values; a file with more is not worth caching. */
    private static final int MAX_CACHED_LABELS = 64;
    private static final int INITIAL_SIZE = 256;
    /** A buffer that grew past this for one outsized record is dropped rather than kept for the rest of the run. */
    private static final int MAX_RETAINED_SIZE = 1 << 16;

    private final byte[] header;
    /** Each label's Avro encoding, its length included, copied whole into the buffer. */
    private final Map<String, byte[]> encodedLabels = new HashMap<>();
    private byte[] buffer = new byte[INITIAL_SIZE];
    private int position;

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
        if (buffer.length > MAX_RETAINED_SIZE) {
            buffer = new byte[INITIAL_SIZE];
        }
        position = 0;
        writeRaw(header);
        writeString(sale.getInvoiceNo());
        writeString(sale.getCustomerId());
        writeLabel(sale.getGender());
        writeLong(sale.getAge());
        writeLabel(sale.getCategory());
        writeLong(sale.getQuantity());
        writePrice(sale.getPrice());
        writeLabel(sale.getPaymentMethod());
        writeLong(Math.toIntExact(sale.getInvoiceDate().toEpochDay()));
        writeLabel(sale.getShoppingMall());
        writeLong(sale.getEventTime().toEpochMilli());
        return Arrays.copyOf(buffer, position);
    }

    /** Avro's int and long share one encoding, a zig-zag varint: an int's zig-zag value is the same as a long. */
    private void writeLong(long value) {
        ensureCapacity(10);
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7fL) != 0) {
            buffer[position++] = (byte) (zigZag | 0x80);
            zigZag >>>= 7;
        }
        buffer[position++] = (byte) zigZag;
    }

    /** Invoice numbers and customer IDs are ASCII, whose UTF-8 bytes are its chars; anything else is encoded. */
    private void writeString(String value) {
        int length = value.length();
        int start = position;
        writeLong(length);
        ensureCapacity(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                position = start;
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                writeLong(utf8.length);
                writeRaw(utf8);
                return;
            }
            buffer[position++] = (byte) c;
        }
    }

    private void writeLabel(String value) {
        byte[] encoded = encodedLabels.get(value);
        if (encoded != null) {
            writeRaw(encoded);
            return;
        }
        int start = position;
        writeString(value);
        if (encodedLabels.size() < MAX_CACHED_LABELS) {
            encodedLabels.put(value, Arrays.copyOfRange(buffer, start, position));
        }
    }

    /**
     * Avro's decimal: the unscaled value's shortest two's-complement big-endian bytes, which is what
     * {@code BigInteger.toByteArray()} gives. At most twelve digits fit a long.
     */
    private void writePrice(BigDecimal price) {
        if (price.scale() != PRICE_SCALE || price.precision() > PRICE_PRECISION) {
            throw new IllegalArgumentException("price " + price + " is not a decimal(" + PRICE_PRECISION + ","
                + PRICE_SCALE + ") as it stands");
        }
        long unscaled = price.unscaledValue().longValue();
        int bitLength = Long.SIZE - Long.numberOfLeadingZeros(unscaled ^ (unscaled >> 63));
        int length = bitLength / 8 + 1;
        writeLong(length);
        ensureCapacity(length);
        for (int shift = 8 * (length - 1); shift >= 0; shift -= 8) {
            buffer[position++] = (byte) (unscaled >> shift);
        }
    }

    private void writeRaw(byte[] bytes) {
        ensureCapacity(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void ensureCapacity(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(position + more, buffer.length * 2));
        }
    }
}
