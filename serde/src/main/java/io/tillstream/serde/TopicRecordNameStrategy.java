package io.tillstream.serde;


/** {@code <topic>-<record full name>}: several record types per topic, each checked within that topic only. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, String recordName) {
        return topic + "-" + RecordNameStrategy.required(recordName, isKey, getClass());
    }
}
