package io.tillstream.serde;

import org.apache.avro.Schema;

/** {@code <topic>-<record full name>}: several record types per topic, each checked within that topic only. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return topic + "-" + RecordNameStrategy.recordName(schema, isKey, getClass());
    }
}
