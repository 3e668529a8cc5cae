package io.tillstream.serde;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.Map;

/** Settings of {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer}: the shared ones and Avro's own. */
public class AvroSerdeConfig extends SerdeConfig {

    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_READER_DOC = "Whether the deserializer returns generated SpecificRecord "
        + "classes, found by the writer schema's full name, instead of GenericRecord.";

    public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG = "avro.use.logical.type.converters";
    public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS_DOC = "Whether generic records carry logical types "
        + "as Java types: decimal as BigDecimal, date as LocalDate, timestamp-millis as Instant, ... When false they "
        + "carry the underlying Avro types (ByteBuffer, int, long). Unlike Confluent's serializers, true by default, "
        + "because Tillstream's sale record keeps money in a decimal.";

    private static final ConfigDef CONFIG = SerdeConfig.configDef()
        .define(SPECIFIC_AVRO_READER_CONFIG, Type.BOOLEAN, false, Importance.LOW, SPECIFIC_AVRO_READER_DOC)
        .define(AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG, Type.BOOLEAN, true, Importance.LOW,
            AVRO_USE_LOGICAL_TYPE_CONVERTERS_DOC);

    public AvroSerdeConfig(Map<?, ?> originals) {
        super(CONFIG, originals);
    }

    /** A copy of the definition, for generating docs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
    }

    public boolean useLogicalTypeConverters() {
        return getBoolean(AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG);
    }
}
