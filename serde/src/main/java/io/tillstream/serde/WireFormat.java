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

    /**
     * The schema ID in the header of {@code data}, which a deserializer reads next.
     *
     * @param messageIndexes whether the body starts with Protobuf's message indexes, so at least one byte must follow the ID
     * @throws IllegalArgumentException saying why, if {@code data} is too short or has another magic byte
     */
    public static int requireHeader(byte[] data, boolean messageIndexes) {
        if (messageIndexes ? data.length <= HEADER_SIZE : data.length < HEADER_SIZE) {
            throw new IllegalArgumentException(messageIndexes
                ? "it has " + data.length + " bytes, too few for the header (magic byte, schema ID and message indexes)"
                    + " of Confluent's wire format"
                : "it has " + data.length + " bytes, fewer than the " + HEADER_SIZE
                    + " of the header (magic byte and schema ID) of Confluent's wire format");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException(String.format(
                "unknown magic byte 0x%02x, expected 0x00 (Confluent's wire format)", data[0]));
        }
        return schemaId(data);
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
