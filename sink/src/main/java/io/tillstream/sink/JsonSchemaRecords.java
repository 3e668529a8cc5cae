package io.tillstream.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.serde.internals.BoundedCache;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Avro record a JSON Schema value lands as, so that it takes the Avro values' way into Parquet: one
 * field per property of the schema's object, in its order, typed from the schema. A string of
 * {@code "format": "date"} is a DATE and of {@code "date-time"} a TIMESTAMP in microseconds, an integer
 * a 64-bit integer, a number an exact DECIMAL(38, scale) (the scale from {@code multipleOf}, as 2 for
 * 0.01, else 9: a JSON number is decimal, and money must not become a binary fraction), a boolean a
 * boolean, an object a nested record and an array a list. A property the object does not require, or
 * whose types include {@code "null"}, may be null. What a schema declares beyond that ({@code $ref},
 * {@code oneOf}, a property name Avro cannot take) makes its records dead letters, with the reason;
 * properties a value has beyond its schema's are not landed. Thread-safe: the writer threads share one.
 */
final class JsonSchemaRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DECIMAL_PRECISION = 38;
    private static final int DEFAULT_SCALE = 9;
    private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern AVRO_FULL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final String DEFAULT_NAME = "Record";

    private final BoundedCache<Integer, RecordType> types;

    JsonSchemaRecords(int cacheCapacity) {
        this.types = new BoundedCache<>(cacheCapacity);
    }

    /**
     * The record of {@code value}, a value of schema ID {@code id}, whose JSON Schema is {@code schema}.
     *
     * @throws IllegalArgumentException for a schema no record type follows, or a value its type cannot hold
     */
    GenericRecord toRecord(int id, String schema, JsonNode value) {
        return types.computeIfAbsent(id, key -> {
            JsonNode root;
            try {
                root = JSON.readTree(schema);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("schema ID " + id + " is not JSON: " + e.getOriginalMessage(), e);
            }
            String title = root.path("title").asText(DEFAULT_NAME);
            return recordType(root, AVRO_FULL_NAME.matcher(title).matches() ? title : DEFAULT_NAME, "");
        }).convert(value, "");
    }

    /** An object's record schema and, per property, how its value lands. */
    private record RecordType(Schema schema, List<Property> properties) {

        GenericRecord convert(JsonNode object, String path) {
            if (!object.isObject()) {
                throw new IllegalArgumentException(where(path) + " is " + object.getNodeType().name().toLowerCase()
                    + ", not an object");
            }
            GenericRecord record = new GenericData.Record(schema);
            for (Property property : properties) {
                JsonNode value = object.get(property.name());
                String at = path.isEmpty() ? property.name() : path + "." + property.name();
                if (value == null || value.isNull()) {
                    if (!property.nullable()) {
                        throw new IllegalArgumentException(where(at) + " is missing or null");
                    }
                } else {
                    record.put(property.position(), property.type().convert().apply(new At(value, at)));
                }
            }
            return record;
        }
    }

    /** A property and its field's position in the record, which values go in by (by name, each put is a lookup). */
    private record Property(String name, int position, boolean nullable, ValueType type) {
    }

    /** A value and where it is in the record, for a rejection's reason. */
    private record At(JsonNode value, String path) {
    }

    private record ValueType(Schema schema, Function<At, Object> convert) {
    }

    private static RecordType recordType(JsonNode object, String name, String path) {
        if (!types(object).contains("object")) {
            throw new IllegalArgumentException(where(path) + " is not of type object");
        }
        Set<String> required = new HashSet<>();
        object.path("required").forEach(property -> required.add(property.asText()));
        List<Schema.Field> fields = new ArrayList<>();
        List<Property> properties = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String at = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            if (!AVRO_NAME.matcher(property.getKey()).matches()) {
                throw new IllegalArgumentException("property " + at + ": its name is not a column name a record can take");
            }
            ValueType type = valueType(property.getValue(), name, at);
            boolean nullable = !required.contains(property.getKey()) || types(property.getValue()).contains("null");
            fields.add(nullable ? LandingTypes.nullable(property.getKey(), type.schema())
                : new Schema.Field(property.getKey(), type.schema()));
            properties.add(new Property(property.getKey(), fields.size() - 1, nullable, type));
        }
        int dot = name.lastIndexOf('.');
        return new RecordType(Schema.createRecord(name.substring(dot + 1), null, dot < 0 ? null : name.substring(0, dot),
            false, fields), properties);
    }

    private static ValueType valueType(JsonNode schema, String parent, String path) {
        for (String unsupported : List.of("$ref", "oneOf", "anyOf", "allOf")) {
            if (schema.has(unsupported)) {
                throw new IllegalArgumentException("property " + path + " uses " + unsupported + ", which the sink does not"
                    + " land yet");
            }
        }
        Set<String> types = types(schema);
        types.remove("null");
        if (types.size() != 1) {
            throw new IllegalArgumentException("property " + path + " has " + (types.isEmpty() ? "no type" : "the types "
                + types) + ": a column has one");
        }
        return switch (types.iterator().next()) {
            case "string" -> switch (schema.path("format").asText()) {
                case "date" -> new ValueType(LandingTypes.date(), JsonSchemaRecords::date);
                case "date-time" -> new ValueType(LandingTypes.timestampMicros(), JsonSchemaRecords::micros);
                default -> new ValueType(Schema.create(Schema.Type.STRING), at -> text(at));
            };
            case "integer" -> new ValueType(Schema.create(Schema.Type.LONG), JsonSchemaRecords::integer);
            case "number" -> {
                int scale = schema.has("multipleOf") ? Math.max(0, schema.get("multipleOf").decimalValue().stripTrailingZeros()
                    .scale()) : DEFAULT_SCALE;
                yield new ValueType(LandingTypes.decimal(DECIMAL_PRECISION, scale), at -> decimal(at, scale));
            }
            case "boolean" -> new ValueType(Schema.create(Schema.Type.BOOLEAN), at -> {
                requireThat(at.value().isBoolean(), at, "a boolean");
                return at.value().booleanValue();
            });
            case "object" -> {
                RecordType record = recordType(schema, parent + "." + path.substring(path.lastIndexOf('.') + 1).replace("[]", "")
                    + "_record", path);
                yield new ValueType(record.schema(), at -> record.convert(at.value(), at.path()));
            }
            case "array" -> {
                ValueType items = valueType(schema.path("items"), parent, path + "[]");
                yield new ValueType(Schema.createArray(items.schema()), at -> {
                    requireThat(at.value().isArray(), at, "an array");
                    List<Object> list = new ArrayList<>();
                    for (int i = 0; i < at.value().size(); i++) {
                        list.add(items.convert().apply(new At(at.value().get(i), at.path() + "[" + i + "]")));
                    }
                    return list;
                });
            }
            default -> throw new IllegalArgumentException("property " + path + " is of the unknown type "
                + types.iterator().next());
        };
    }

    /** The schema's {@code type}, a name or a list of names; empty when it has none. */
    private static Set<String> types(JsonNode schema) {
        Set<String> types = new HashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(name -> types.add(name.asText()));
        return types;
    }

    private static String text(At at) {
        requireThat(at.value().isTextual(), at, "a string");
        return at.value().asText();
    }

    private static Object date(At at) {
        try {
            return Math.toIntExact(LocalDate.parse(text(at)).toEpochDay());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where(at.path()) + " is " + at.value() + ", not an ISO 8601 date", e);
        }
    }

    private static Object micros(At at) {
        try {
            Instant instant = OffsetDateTime.parse(text(at)).toInstant();
            return LandingTypes.micros(instant.getEpochSecond(), instant.getNano());
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(where(at.path()) + " is " + at.value() + ", not an ISO 8601 date-time", e);
        }
    }

    private static Object integer(At at) {
        requireThat(at.value().isIntegralNumber() && at.value().canConvertToLong(), at, "a 64-bit integer");
        return at.value().longValue();
    }

    private static Object decimal(At at, int scale) {
        requireThat(at.value().isNumber(), at, "a number");
        BigDecimal value;
        try {
            value = at.value().decimalValue().setScale(scale);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(where(at.path()) + " is " + at.value() + ", which has more than " + scale
                + " decimal places", e);
        }
        if (value.precision() > DECIMAL_PRECISION) {
            throw new IllegalArgumentException(where(at.path()) + " is " + at.value() + ", more than " + DECIMAL_PRECISION
                + " digits");
        }
        return ByteBuffer.wrap(value.unscaledValue().toByteArray());
    }

    private static void requireThat(boolean holds, At at, String what) {
        if (!holds) {
            throw new IllegalArgumentException(where(at.path()) + " is " + at.value() + ", not " + what);
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "the value" : "property " + path;
    }
}
