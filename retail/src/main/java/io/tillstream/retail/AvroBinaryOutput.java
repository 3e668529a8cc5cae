package io.tillstream.retail;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Avro's binary encoding of single values, byte for byte as Avro's own encoder writes them, into a
 * buffer reused record after record: what the hand-written writers of a known record layout (the
 * generator's sales, the pipeline's enriched sales) are built from. Not thread-safe.
 */
public final class AvroBinaryOutput {

    /** Genders, categories, payment methods, malls and age groups take a few dozen values; beyond that, no caching. */
    private static final int MAX_CACHED_LABELS = 64;
    private static final int INITIAL_SIZE = 256;
    /** A buffer that grew past this for one outsized record is dropped rather than kept for the rest of the run. */
    private static final int MAX_RETAINED_SIZE = 1 << 16;

    /** Each label's Avro encoding, its length included, copied whole into the buffer. */
    private final Map<String, byte[]> encodedLabels = new HashMap<>();
    private byte[] buffer = new byte[INITIAL_SIZE];
    private int position;

    /** Starts a new record with {@code header} (Confluent's wire-format header, say) in front. */
    public void start(byte[] header) {
        if (buffer.length > MAX_RETAINED_SIZE) {
            buffer = new byte[INITIAL_SIZE];
        }
        position = 0;
        writeRaw(header);
    }

    /** The record written since {@link #start}, in a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** Avro's int and long share one encoding, a zig-zag varint: an int's zig-zag value is the same as a long. */
    public void writeLong(long value) {
        ensureCapacity(10);
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7fL) != 0) {
            buffer[position++] = (byte) (zigZag | 0x80);
            zigZag >>>= 7;
        }
        buffer[position++] = (byte) zigZag;
    }

    /** Invoice numbers and customer IDs are ASCII, whose UTF-8 bytes are its chars; anything else is encoded. */
    public void writeString(String value) {
        int length = value.length();
        int start = position;
        writeLong(length);
        ensureCapacity(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                position = start;
                writeUtf8(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buffer[position++] = (byte) c;
        }
    }

    /** A string of the few dozen values a field takes (a mall, a category), whose encodings are kept. */
    public void writeLabel(String value) {
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
     * {@code BigInteger.toByteArray()} gives. At most eighteen digits fit a long.
     *
     * @throws IllegalArgumentException for a value whose scale is not {@code scale} or whose precision
     *                                  exceeds {@code precision}: Avro rescales or rejects those
     */
    public void writeDecimal(BigDecimal value, int precision, int scale) {
        if (value.scale() != scale || value.precision() > precision || precision > 18) {
            throw new IllegalArgumentException(value + " is not a decimal(" + precision + "," + scale + ") as it stands");
        }
        long unscaled = value.unscaledValue().longValue();
        int bitLength = Long.SIZE - Long.numberOfLeadingZeros(unscaled ^ (unscaled >> 63));
        int length = bitLength / 8 + 1;
        writeLong(length);
        ensureCapacity(length);
        for (int shift = 8 * (length - 1); shift >= 0; shift -= 8) {
            buffer[position++] = (byte) (unscaled >> shift);
        }
    }

    /** A string whose UTF-8 bytes are {@code utf8}, e.g. a code made as ASCII bytes without a String. */
    public void writeUtf8(byte[] utf8) {
        writeLong(utf8.length);
        writeRaw(utf8);
    }

    /** Bytes already in Avro's encoding, e.g. a run of fields encoded once and written for many records. */
    public void writeRaw(byte[] bytes) {
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
