package io.tillstream.serde;

/**
 * Confluent's wire format: byte 0 is the magic byte {@code 0x00}, bytes 1 to 4 the schema ID as a
 * big-endian int32, then the body: Avro binary, Protobuf message indexes and message, or UTF-8 JSON.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int ID_SIZE = 4;
    public static final int HEADER_SIZE = 1 + ID_SIZE;

    private WireFormat() {
    }

    /** Whether {@code data} starts with a header of this format, so a viewer can tell Avro from other bytes. */
    public static boolean hasHeader(byte[] data) {
        return data != null && data.length >= HEADER_SIZE && data[0] == MAGIC_BYTE;
    }

    /** The schema ID in the header; call {@link #hasHeader} first. */
    public static int schemaId(byte[] data) {
        return (data[1] & 0xff) << 24 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 8 | data[4] & 0xff;
    }

    /** Writes the header for {@code schemaId} into the first {@value #HEADER_SIZE} bytes of {@code target}. */
    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
