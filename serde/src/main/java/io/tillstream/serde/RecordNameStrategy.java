package io.tillstream.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record's full name, whatever the topic: a topic may then carry several record types, each
 * checked for compatibility across every topic that carries it.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, String recordName) {
        return required(recordName, isKey, getClass());
    }

    /** The record's full name, or an error naming the setting that asked for it. */
    static String required(String recordName, boolean isKey, Class<? extends SubjectNameStrategy> strategy) {
        if (recordName != null) {
            return recordName;
        }
        String setting = isKey ? SerdeConfig.KEY_SUBJECT_NAME_STRATEGY_CONFIG : SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG;
        throw new SerializationException("With " + setting + " = " + strategy.getSimpleName() + " the message "
            + (isKey ? "key" : "value") + " must have a named record type (an Avro record, a JSON Schema with a title,"
            + " a Protobuf message), not a primitive");
    }
}
