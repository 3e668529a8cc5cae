package io.tillstream.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The record's full name, whatever the topic: a topic may then carry several record types, each
 * checked for compatibility across every topic that carries it.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return recordName(schema, isKey, getClass());
    }

    /** The record's full name, or an error naming the setting that asked for it. */
    static String recordName(Schema schema, boolean isKey, Class<? extends SubjectNameStrategy> strategy) {
        if (schema != null && schema.getType() == Schema.Type.RECORD) {
            return schema.getFullName();
        }
        String setting = isKey ? AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY_CONFIG : AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG;
        throw new SerializationException("With " + setting + " = " + strategy.getSimpleName() + " the message "
            + (isKey ? "key" : "value") + " must be an Avro record, not " + (schema == null ? "null" : schema.getType()));
    }
}
