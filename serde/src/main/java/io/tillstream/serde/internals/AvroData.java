package io.tillstream.serde.internals;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;

/** The Avro data models and the schemas of plain Java values, as Confluent's serializers define them. */
public final class AvroData {

    private static final GenericData PLAIN = new GenericData();
    private static final GenericData WITH_LOGICAL_TYPES = addLogicalTypes(new GenericData());
    private static final SpecificData SPECIFIC = addLogicalTypes(new GeneratedClassData());

    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private AvroData() {
    }

    /**
     * The model for generic records: with logical types, decimals are BigDecimal, dates LocalDate,
     * timestamps Instant, times LocalTime; without, their underlying ByteBuffer, int and long.
     * Writing accepts both forms either way round for logical types it converts.
     */
    public static GenericData genericData(boolean logicalTypes) {
        return logicalTypes ? WITH_LOGICAL_TYPES : PLAIN;
    }

    /**
     * The model for generated classes, which trusts the classes Avro generated (see
     * {@link GeneratedClassData}); their fields' logical types come with the classes.
     */
    public static SpecificData specificData() {
        return SPECIFIC;
    }

    /**
     * The schema of a value: a record's own, or for the plain Java values Confluent's serializers
     * accept (Boolean, Integer, Long, Float, Double, CharSequence, byte[]) the primitive schema.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Schema schemaOf(Object value) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        } else if (value instanceof CharSequence) {
            return STRING;
        } else if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof byte[]) {
            return BYTES;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Float) {
            return FLOAT;
        }
        throw new IllegalArgumentException("Unsupported type " + value.getClass().getName() + ": expected an Avro record "
            + "(GenericRecord, SpecificRecord), Boolean, Integer, Long, Float, Double, String or byte[]");
    }

    private static <T extends GenericData> T addLogicalTypes(T data) {
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
