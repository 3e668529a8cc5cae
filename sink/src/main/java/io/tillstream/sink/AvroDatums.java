package io.tillstream.sink;

import org.apache.parquet.io.api.Binary;

/**
 * Avro binary datums back to back in one array, read value by value from the front as the Avro
 * specification encodes them: ints and longs as zig-zag varints, floats and doubles little-endian,
 * strings and bytes after their length. The sink reads a datum twice: once as it arrives, to check it
 * and find its day ({@link DatumDays}), where a datum that runs past the array or skips backwards
 * throws; then when its file is written, once it is known to be well formed.
 */
final class AvroDatums {

    private final byte[] bytes;
    private int position;

    AvroDatums(byte[] bytes) {
        this(bytes, 0);
    }

    /** The datum starting at {@code position}, such as a record's value after the wire format's header. */
    AvroDatums(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    int readInt() {
        return (int) readLong();
    }

    long readLong() {
        long raw = 0;
        int shift = 0;
        int b;
        do {
            b = bytes[position++];
            raw |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while (b < 0);
        return (raw >>> 1) ^ -(raw & 1);
    }

    float readFloat() {
        return Float.intBitsToFloat((int) readLittleEndian(4));
    }

    double readDouble() {
        return Double.longBitsToDouble(readLittleEndian(8));
    }

    boolean readBoolean() {
        return bytes[position++] != 0;
    }

    /**
     * A string's or bytes' value as a view of the array, which must not change until the file is written:
     * Parquet keeps such constant views in its dictionaries and statistics instead of copies.
     */
    Binary readBinary() {
        return readFixed((int) readLong());
    }

    Binary readFixed(int size) {
        Binary value = Binary.fromConstantByteArray(bytes, position, size);
        position += size;
        return value;
    }

    /**
     * Moves past {@code length} bytes of a value.
     *
     * @throws IllegalArgumentException if they are not all in the array, or the length is negative
     */
    void skip(long length) {
        if (length < 0 || length > bytes.length - position) {
            throw new IllegalArgumentException("a value of " + length + " bytes at byte " + position + " of " + bytes.length);
        }
        position += (int) length;
    }

    private long readLittleEndian(int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (bytes[position++] & 0xffL) << (8 * i);
        }
        return value;
    }
}
