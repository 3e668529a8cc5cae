package io.tillstream.retail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Reads a {@link Sale} from Avro's binary encoding of a schema with {@link SaleAvroLayout}'s layout:
 * what Avro's {@code SpecificDatumReader} makes of the same bytes, without resolving the schema and
 * converting the logical types through conversion objects for every record (most of the pipeline's
 * decoding time). Stateless and thread-safe.
 */
public final class SaleBinaryReader {

    private SaleBinaryReader() {
        SaleAvroLayout.requireSaleClassLayout();
    }

    private static final SaleBinaryReader INSTANCE = new SaleBinaryReader();

    private static final Labels GENDERS = new Labels(Gender.values());
    private static final Labels CATEGORIES = new Labels(Category.values());
    private static final Labels PAYMENT_METHODS = new Labels(PaymentMethod.values());
    private static final Labels MALLS = new Labels(ShoppingMall.values());

    /** @throws IllegalStateException if Sale's generated class no longer has the layout read here */
    public static SaleBinaryReader get() {
        return INSTANCE;
    }

    /**
     * @param data   the encoded sale starts at {@code offset} (after Confluent's header, say); bytes after it are ignored, as Avro does
     * @throws MalformedAvroException if the bytes end early or hold a length or number Avro would not read
     */
    public Sale read(byte[] data, int offset) {
        Cursor in = new Cursor(data, offset);
        String invoiceNo = in.string();
        String customerId = in.string();
        String gender = in.label(GENDERS);
        int age = in.integer();
        String category = in.label(CATEGORIES);
        int quantity = in.integer();
        BigDecimal price = in.decimal(SaleAvroLayout.PRICE_SCALE);
        String paymentMethod = in.label(PAYMENT_METHODS);
        LocalDate invoiceDate = LocalDate.ofEpochDay(in.integer());
        String shoppingMall = in.label(MALLS);
        Instant eventTime = Instant.ofEpochMilli(in.varint());
        return new Sale(invoiceNo, customerId, gender, age, category, quantity, price, paymentMethod, invoiceDate, shoppingMall,
            eventTime);
    }

    /** Bytes that are not a sale in Avro's binary encoding. */
    public static final class MalformedAvroException extends RuntimeException {
        MalformedAvroException(String message) {
            super(message);
        }
    }

    /**
     * One categorical column's labels as Strings and as UTF-8. A label read is the very String its
     * {@link DatasetValue} holds whenever the bytes match one: no new String per sale, and its hash,
     * cached in the String, is not computed again by every lookup the rules and the totals make.
     */
    private static final class Labels {
        private final String[] labels;
        private final byte[][] utf8;

        Labels(DatasetValue[] values) {
            labels = new String[values.length];
            utf8 = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                labels[i] = values[i].label();
                utf8[i] = labels[i].getBytes(StandardCharsets.UTF_8);
            }
        }

        /** The label {@code data[from..to)} spells, or null. */
        String find(byte[] data, int from, int to) {
            for (int i = 0; i < utf8.length; i++) {
                if (Arrays.equals(utf8[i], 0, utf8[i].length, data, from, to)) {
                    return labels[i];
                }
            }
            return null;
        }
    }

    private static final class Cursor {
        private final byte[] data;
        private int position;

        Cursor(byte[] data, int position) {
            this.data = data;
            this.position = position;
        }

        /** Avro's zig-zag varint, at most ten bytes. */
        long varint() {
            long raw = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                raw |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new MalformedAvroException("a number longer than ten bytes at byte " + position);
        }

        /** An int's zig-zag varint, at most five bytes, as Avro reads it. */
        int integer() {
            int raw = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte b = next();
                raw |= (b & 0x7f) << shift;
                if (b >= 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new MalformedAvroException("an int longer than five bytes at byte " + position);
        }

        private byte next() {
            if (position >= data.length) {
                throw new MalformedAvroException("the record ends inside a number at byte " + position);
            }
            return data[position++];
        }

        private int length() {
            long length = varint();
            if (length < 0 || length > data.length - position) {
                throw new MalformedAvroException("a length of " + length + " with " + (data.length - position) + " bytes left");
            }
            return (int) length;
        }

        String string() {
            int length = length();
            String value = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        /** A string that is usually one of {@code labels}: then that very String, else a new one. */
        String label(Labels labels) {
            int length = length();
            String known = labels.find(data, position, position + length);
            String value = known != null ? known : new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        /** Avro's decimal: the unscaled value as big-endian two's complement. */
        BigDecimal decimal(int scale) {
            int length = length();
            BigDecimal value;
            if (length == 0) {
                throw new MalformedAvroException("a decimal of no bytes");
            } else if (length <= Long.BYTES) {
                long unscaled = data[position];
                for (int i = 1; i < length; i++) {
                    unscaled = (unscaled << 8) | (data[position + i] & 0xff);
                }
                value = BigDecimal.valueOf(unscaled, scale);
            } else {
                value = new BigDecimal(new BigInteger(Arrays.copyOfRange(data, position, position + length)), scale);
            }
            position += length;
            return value;
        }
    }
}
