package io.tillstream.sink;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.tillstream.serde.internals.BoundedCache;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Avro record a Protobuf message lands as, so that it takes the Avro values' way into Parquet: one
 * field per field of the message's descriptor, in its order, typed as Parquet readers expect.
 * Well-known types keep their meaning: a {@code google.type.Date} is a DATE, a {@code google.type.Money}
 * a DECIMAL(28,9) (its units and nanos, exact) with its currency beside it in {@code <field>_currency_code}
 * (in a list or a map, a struct of {@code amount} and {@code currency_code}), a
 * {@code google.protobuf.Timestamp} a TIMESTAMP in microseconds, a wrapper ({@code Int32Value}, ...) its
 * value or null. An enum lands as its value's name (protobuf-java names a number the schema does not know
 * {@code UNKNOWN_ENUM_VALUE_<enum>_<number>}); a message field, a proto3 {@code optional} or a oneof member is null when unset, other scalars
 * are Protobuf's default then; a repeated field is a list, a map a map with string keys, any other
 * message a nested record. Thread-safe: the writer threads share one.
 */
final class ProtobufRecords {

    /** A Money's units (a long, 19 digits) and nanos (9 digits), exactly. */
    private static final int MONEY_PRECISION = 28;
    private static final int MONEY_SCALE = 9;
    private static final String CURRENCY_SUFFIX = "_currency_code";
    private static final String DATE = "google.type.Date";
    private static final String MONEY = "google.type.Money";
    private static final String TIMESTAMP = "google.protobuf.Timestamp";
    private static final Set<String> WRAPPERS = Set.of("DoubleValue", "FloatValue", "Int64Value", "UInt64Value",
        "Int32Value", "UInt32Value", "BoolValue", "StringValue", "BytesValue");

    /** A Money in a list or a map. */
    private static final Schema MONEY_RECORD = Schema.createRecord("Money", null, "google.type", false, List.of(
        new Schema.Field("amount", LandingTypes.decimal(MONEY_PRECISION, MONEY_SCALE)),
        new Schema.Field("currency_code", Schema.create(Schema.Type.STRING))));

    private final BoundedCache<Descriptor, RecordType> types;

    ProtobufRecords(int cacheCapacity) {
        this.types = new BoundedCache<>(cacheCapacity);
    }

    /**
     * The record of {@code message}.
     *
     * @throws IllegalArgumentException for a message no record can hold (a recursive one) or a value its type
     *                                  cannot hold (a Date that is not a whole date)
     */
    GenericRecord toRecord(Message message) {
        return types.computeIfAbsent(message.getDescriptorForType(), descriptor -> type(descriptor, new HashSet<>()))
            .convert(message);
    }

    /** A message's record schema and, per Protobuf field, how its value lands. */
    private record RecordType(Schema schema, List<FieldLanding> fields) {

        GenericRecord convert(Message message) {
            GenericRecord record = new GenericData.Record(schema);
            for (FieldLanding field : fields) {
                field.land(message, record);
            }
            return record;
        }
    }

    /** Puts one Protobuf field's value, or its null, into the record's field or fields. */
    private interface FieldLanding {
        void land(Message message, GenericRecord record);
    }

    /** An Avro type and how a Protobuf value (as {@link Message#getField} gives it) becomes a value of it. */
    private record ValueType(Schema schema, Function<Object, Object> convert) {
    }

    private static RecordType type(Descriptor descriptor, Set<String> enclosing) {
        if (!enclosing.add(descriptor.getFullName())) {
            throw new IllegalArgumentException("message " + descriptor.getFullName() + " contains itself, which no"
                + " Parquet column can hold");
        }
        List<Schema.Field> fields = new ArrayList<>();
        List<FieldLanding> landings = new ArrayList<>();
        for (FieldDescriptor field : descriptor.getFields()) {
            String name = field.getName();
            // Values go in by position: by name, every put looked the field up in the schema's map.
            int position = fields.size();
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                && field.getMessageType().getFullName().equals(MONEY)) {
                fields.add(LandingTypes.nullable(name, LandingTypes.decimal(MONEY_PRECISION, MONEY_SCALE)));
                fields.add(LandingTypes.nullable(name + CURRENCY_SUFFIX, Schema.create(Schema.Type.STRING)));
                landings.add((message, record) -> {
                    if (message.hasField(field)) {
                        Message money = (Message) message.getField(field);
                        record.put(position, money(money));
                        record.put(position + 1, scalar(money, "currency_code"));
                    }
                });
            } else if (field.isMapField()) {
                FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
                ValueType value = valueType(valueField, enclosing);
                fields.add(new Schema.Field(name, Schema.createMap(value.schema())));
                landings.add((message, record) -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (Object entry : (List<?>) message.getField(field)) {
                        Message pair = (Message) entry;
                        map.put(String.valueOf(scalar(pair, "key")), value.convert().apply(pair.getField(valueField)));
                    }
                    record.put(position, map);
                });
            } else if (field.isRepeated()) {
                ValueType element = valueType(field, enclosing);
                fields.add(new Schema.Field(name, Schema.createArray(element.schema())));
                landings.add((message, record) -> record.put(position,
                    ((List<?>) message.getField(field)).stream().map(element.convert()).toList()));
            } else {
                ValueType value = valueType(field, enclosing);
                fields.add(field.hasPresence() ? LandingTypes.nullable(name, value.schema()) : new Schema.Field(name, value.schema()));
                landings.add((message, record) -> {
                    if (!field.hasPresence() || message.hasField(field)) {
                        record.put(position, value.convert().apply(message.getField(field)));
                    }
                });
            }
        }
        enclosing.remove(descriptor.getFullName());
        Schema schema = Schema.createRecord(descriptor.getName(), null, namespace(descriptor), false, fields);
        return new RecordType(schema, landings);
    }

    private static ValueType valueType(FieldDescriptor field, Set<String> enclosing) {
        return switch (field.getType()) {
            case DOUBLE -> new ValueType(Schema.create(Schema.Type.DOUBLE), Function.identity());
            case FLOAT -> new ValueType(Schema.create(Schema.Type.FLOAT), Function.identity());
            case INT64, SINT64, SFIXED64 -> new ValueType(Schema.create(Schema.Type.LONG), Function.identity());
            // An unsigned 64-bit value past Long.MAX_VALUE lands as its two's complement: Parquet has no wider integer.
            case UINT64, FIXED64 -> new ValueType(Schema.create(Schema.Type.LONG), Function.identity());
            case INT32, SINT32, SFIXED32 -> new ValueType(Schema.create(Schema.Type.INT), Function.identity());
            case UINT32, FIXED32 -> new ValueType(Schema.create(Schema.Type.LONG), v -> Integer.toUnsignedLong((Integer) v));
            case BOOL -> new ValueType(Schema.create(Schema.Type.BOOLEAN), Function.identity());
            case STRING -> new ValueType(Schema.create(Schema.Type.STRING), Function.identity());
            case BYTES -> new ValueType(Schema.create(Schema.Type.BYTES), v -> ByteBuffer.wrap(((ByteString) v).toByteArray()));
            case ENUM -> new ValueType(Schema.create(Schema.Type.STRING), v -> ((EnumValueDescriptor) v).getName());
            case MESSAGE, GROUP -> messageType(field.getMessageType(), enclosing);
        };
    }

    private static ValueType messageType(Descriptor message, Set<String> enclosing) {
        switch (message.getFullName()) {
            case DATE:
                return new ValueType(LandingTypes.date(), v -> date((Message) v));
            case TIMESTAMP:
                return new ValueType(LandingTypes.timestampMicros(), v -> micros((Message) v));
            case MONEY:
                // Not a field of its own here, so no column beside it for the currency: a struct keeps both.
                return new ValueType(MONEY_RECORD, v -> {
                    GenericRecord record = new GenericData.Record(MONEY_RECORD);
                    record.put(0, money((Message) v));
                    record.put(1, scalar((Message) v, "currency_code"));
                    return record;
                });
            default:
                if (isWrapper(message)) {
                    ValueType wrapped = valueType(message.findFieldByName("value"), enclosing);
                    return new ValueType(wrapped.schema(), v -> wrapped.convert().apply(scalar((Message) v, "value")));
                }
                RecordType type = type(message, enclosing);
                return new ValueType(type.schema(), v -> type.convert((Message) v));
        }
    }

    private static boolean isWrapper(Descriptor message) {
        return message.getFile().getPackage().equals("google.protobuf") && WRAPPERS.contains(message.getName());
    }

    private static int date(Message date) {
        int year = (Integer) scalar(date, "year");
        int month = (Integer) scalar(date, "month");
        int day = (Integer) scalar(date, "day");
        try {
            return Math.toIntExact(LocalDate.of(year, month, day).toEpochDay());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("the google.type.Date " + year + "-" + month + "-" + day + " is not a whole"
                + " date (it may leave its year, month or day at zero; a DATE column may not)", e);
        }
    }

    private static long micros(Message timestamp) {
        return LandingTypes.micros((Long) scalar(timestamp, "seconds"), (Integer) scalar(timestamp, "nanos"));
    }

    private static ByteBuffer money(Message money) {
        BigInteger unscaled = BigInteger.valueOf((Long) scalar(money, "units")).multiply(BigInteger.TEN.pow(MONEY_SCALE))
            .add(BigInteger.valueOf((Integer) scalar(money, "nanos")));
        return ByteBuffer.wrap(unscaled.toByteArray());
    }

    private static Object scalar(Message message, String field) {
        return message.getField(message.getDescriptorForType().findFieldByName(field));
    }

    /** The record's namespace: the message's package, and its enclosing messages for a nested one. */
    private static String namespace(Descriptor descriptor) {
        String fullName = descriptor.getFullName();
        int dot = fullName.lastIndexOf('.');
        return dot < 0 ? null : fullName.substring(0, dot);
    }
}
