package io.tillstream.serde;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.Map;

/**
 * Settings of {@link KafkaJsonSchemaSerializer} and {@link KafkaJsonSchemaDeserializer}: the shared
 * ones and JSON Schema's own, under the names of Confluent's JSON Schema serdes. One definition
 * serves both sides, as {@link AvroSerdeConfig} does; each setting's doc says which side reads it.
 */
public class JsonSchemaSerdeConfig extends SerdeConfig {

    public static final String FAIL_INVALID_SCHEMA_CONFIG = "json.fail.invalid.schema";
    public static final String FAIL_INVALID_SCHEMA_DOC = "Whether each value is validated against its JSON Schema: "
        + "the serializer refuses a value that does not match before writing it, the deserializer one it reads.";

    public static final String FAIL_UNKNOWN_PROPERTIES_CONFIG = "json.fail.unknown.properties";
    public static final String FAIL_UNKNOWN_PROPERTIES_DOC = "Whether the deserializer refuses JSON with a property "
        + "that the class of json.key.type or json.value.type has no field for.";

    public static final String KEY_TYPE_CONFIG = "json.key.type";
    public static final String KEY_TYPE_DOC = "The class the deserializer binds keys to with Jackson. Unset, keys "
        + "are read as JsonNode; java.lang.Object gives Maps, Lists and plain values. (Confluent's default is "
        + "java.lang.Object.)";

    public static final String VALUE_TYPE_CONFIG = "json.value.type";
    public static final String VALUE_TYPE_DOC = "The class the deserializer binds values to, as " + KEY_TYPE_CONFIG
        + " for keys.";

    public static final String ENVELOPE_DETECTION_CONFIG = "json.envelope.detection";
    public static final String ENVELOPE_DETECTION_DOC = "Whether the serializer takes a JsonNode object with a "
        + "\"schema\" property as an envelope, {\"schema\": ..., \"references\": [...], \"payload\": ...}: the schema "
        + "is registered or looked up and the payload alone is written (see JsonSchemaEnvelope). When false, such "
        + "an object is a value like any other.";

    public static final String WRITE_DATES_AS_ISO8601_CONFIG = "json.write.dates.iso8601";
    public static final String WRITE_DATES_AS_ISO8601_DOC = "Whether the serializer writes java.time values as "
        + "ISO 8601 text (\"2022-08-05\") rather than as Jackson's numbers and arrays ([2022,8,5]), which Confluent's "
        + "serializer writes by default too. A field annotated with @JsonFormat decides for itself.";

    private static final ConfigDef CONFIG = SerdeConfig.configDef()
        .define(FAIL_INVALID_SCHEMA_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, FAIL_INVALID_SCHEMA_DOC)
        .define(FAIL_UNKNOWN_PROPERTIES_CONFIG, Type.BOOLEAN, true, Importance.LOW, FAIL_UNKNOWN_PROPERTIES_DOC)
        .define(KEY_TYPE_CONFIG, Type.CLASS, null, Importance.MEDIUM, KEY_TYPE_DOC)
        .define(VALUE_TYPE_CONFIG, Type.CLASS, null, Importance.MEDIUM, VALUE_TYPE_DOC)
        .define(ENVELOPE_DETECTION_CONFIG, Type.BOOLEAN, true, Importance.LOW, ENVELOPE_DETECTION_DOC)
        .define(WRITE_DATES_AS_ISO8601_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, WRITE_DATES_AS_ISO8601_DOC);

    public JsonSchemaSerdeConfig(Map<?, ?> originals) {
        super(CONFIG, originals);
    }

    /** A copy of the definition, for generating docs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public boolean failInvalidSchema() {
        return getBoolean(FAIL_INVALID_SCHEMA_CONFIG);
    }

    public boolean failUnknownProperties() {
        return getBoolean(FAIL_UNKNOWN_PROPERTIES_CONFIG);
    }

    /** The class keys ({@code isKey}) or values are bound to; null for JsonNode. */
    public Class<?> type(boolean isKey) {
        return getClass(isKey ? KEY_TYPE_CONFIG : VALUE_TYPE_CONFIG);
    }

    public boolean envelopeDetection() {
        return getBoolean(ENVELOPE_DETECTION_CONFIG);
    }

    public boolean writeDatesAsIso8601() {
        return getBoolean(WRITE_DATES_AS_ISO8601_CONFIG);
    }
}
