package io.tillstream.serde;

import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.util.Map;

/**
 * The settings every format's serializer and deserializer shares (Avro, JSON Schema, Protobuf),
 * under the names of Confluent's serializers so that an existing producer or consumer configuration
 * carries over. The registry client's settings ({@code schema.registry.url}, {@code basic.auth.*})
 * are inherited; each format's config adds its own.
 */
public class SerdeConfig extends SchemaRegistryClientConfig {

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final String AUTO_REGISTER_SCHEMAS_DOC = "Whether the serializer registers a record's schema "
        + "under its subject when it is not there yet. When false it looks the schema up and fails if it is missing.";

    public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
    public static final String USE_LATEST_VERSION_DOC = "Whether the serializer writes with the subject's latest "
        + "registered schema instead of the record's own. Set " + AUTO_REGISTER_SCHEMAS_CONFIG + " to false with it.";

    public static final String LATEST_COMPATIBILITY_STRICT_CONFIG = "latest.compatibility.strict";
    public static final String LATEST_COMPATIBILITY_STRICT_DOC = "With " + USE_LATEST_VERSION_CONFIG
        + ", whether the latest schema must be able to read data written with the record's own schema.";

    public static final String NORMALIZE_SCHEMAS_CONFIG = "normalize.schemas";
    public static final String NORMALIZE_SCHEMAS_DOC = "Whether the registry normalizes a schema before registering "
        + "or looking it up, so that equivalent schemas written differently get one ID.";

    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    public static final String KEY_SUBJECT_NAME_STRATEGY_DOC = "How the subject of a key schema is named: "
        + "TopicNameStrategy (<topic>-key), RecordNameStrategy (<record full name>) or TopicRecordNameStrategy "
        + "(<topic>-<record full name>); Confluent's class names io.confluent.kafka.serializers.subject.* and a class "
        + "implementing " + SubjectNameStrategy.class.getName() + " are accepted too.";

    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY_DOC = "How the subject of a value schema is named, "
        + "as " + KEY_SUBJECT_NAME_STRATEGY_CONFIG + " with <topic>-value as the default.";

    private static final ConfigDef CONFIG = SchemaRegistryClientConfig.configDef()
        .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
        .define(USE_LATEST_VERSION_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, USE_LATEST_VERSION_DOC)
        .define(LATEST_COMPATIBILITY_STRICT_CONFIG, Type.BOOLEAN, true, Importance.LOW, LATEST_COMPATIBILITY_STRICT_DOC)
        .define(NORMALIZE_SCHEMAS_CONFIG, Type.BOOLEAN, false, Importance.LOW, NORMALIZE_SCHEMAS_DOC)
        .define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TopicNameStrategy.class.getName(),
            new StrategyValidator(), Importance.MEDIUM, KEY_SUBJECT_NAME_STRATEGY_DOC)
        .define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TopicNameStrategy.class.getName(),
            new StrategyValidator(), Importance.MEDIUM, VALUE_SUBJECT_NAME_STRATEGY_DOC);

    public SerdeConfig(Map<?, ?> originals) {
        this(CONFIG, originals);
    }

    protected SerdeConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
    }

    /** A copy of the definition, for a format's config to add its own settings to, and for generating docs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION_CONFIG);
    }

    public boolean latestCompatibilityStrict() {
        return getBoolean(LATEST_COMPATIBILITY_STRICT_CONFIG);
    }

    public boolean normalizeSchemas() {
        return getBoolean(NORMALIZE_SCHEMAS_CONFIG);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return SubjectNameStrategy.forName(getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG));
    }
    /** Accepts what {@link SubjectNameStrategy#forName} accepts, and says so in generated docs. */
    private static final class StrategyValidator implements ConfigDef.Validator {

        @Override
        public void ensureValid(String name, Object value) {
            try {
                SubjectNameStrategy.forName((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "[TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy], also as "
                + "io.confluent.kafka.serializers.subject.*, or a class implementing " + SubjectNameStrategy.class.getName();
        }
    }
}
