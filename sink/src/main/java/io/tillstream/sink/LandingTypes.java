package io.tillstream.sink;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Avro types a Protobuf or JSON Schema value lands as ({@link ProtobufRecords}, {@link JsonSchemaRecords}),
 * the ones parquet-avro turns into Parquet's DECIMAL, DATE and TIMESTAMP columns.
 */
final class LandingTypes {

    private LandingTypes() {
    }

    /** A field that may be null, and is when a value leaves it out. */
    static Schema.Field nullable(String name, Schema type) {
        return new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), null, JsonProperties.NULL_VALUE);
    }

    /** An exact decimal, as its unscaled value's bytes. */
    static Schema decimal(int precision, int scale) {
        return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
    }

    /** Days since 1970-01-01. */
    static Schema date() {
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    }

    /** Microseconds since 1970-01-01T00:00Z. */
    static Schema timestampMicros() {
        return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    }

    /**
     * The microseconds of an instant given as seconds and nanoseconds since 1970-01-01T00:00Z.
     *
     * @throws ArithmeticException if they overflow a long
     */
    static long micros(long seconds, int nanos) {
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000);
    }
}
