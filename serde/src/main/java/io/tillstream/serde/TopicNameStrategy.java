package io.tillstream.serde;


/** {@code <topic>-key} and {@code <topic>-value}: one schema lineage per topic, the default. */
public final class TopicNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, String recordName) {
        return topic + (isKey ? "-key" : "-value");
    }
}
