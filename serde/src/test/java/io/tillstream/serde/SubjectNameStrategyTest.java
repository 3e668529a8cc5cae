package io.tillstream.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {

    private static final String SALE = SubjectNameStrategy.recordName(Sales.SCHEMA);
    private static final String STRING = SubjectNameStrategy.recordName(Schema.create(Schema.Type.STRING));

    /** A user's own strategy, named by class in the settings. */
    public static final class Prefixed implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, String recordName) {
            return "retail." + topic;
        }
    }

    @Test
    void topicNameStrategyNamesKeyAndValueSubjectsAfterTheTopic() {
        assertThat(new TopicNameStrategy().subjectName("raw_data", false, SALE)).isEqualTo("raw_data-value");
        assertThat(new TopicNameStrategy().subjectName("raw_data", true, STRING)).isEqualTo("raw_data-key");
    }

    @Test
    void anAvroSchemaIsNamedByItsRecordsFullNameAndAPrimitiveByNothing() {
        assertThat(SALE).isEqualTo("io.tillstream.serde.sample.Sale");
        assertThat(STRING).isNull();
    }

    @Test
    void recordStrategiesUseTheRecordsFullName() {
        assertThat(new RecordNameStrategy().subjectName("raw_data", false, SALE))
            .isEqualTo("io.tillstream.serde.sample.Sale");
        assertThat(new TopicRecordNameStrategy().subjectName("raw_data", true, SALE))
            .isEqualTo("raw_data-io.tillstream.serde.sample.Sale");
    }

    @Test
    void recordStrategiesRefuseAPrimitiveNamingTheSetting() {
        assertThatThrownBy(() -> new RecordNameStrategy().subjectName("raw_data", true, STRING))
            .isInstanceOf(SerializationException.class)
            .hasMessage("With key.subject.name.strategy = RecordNameStrategy the message key must have a named record type"
                + " (an Avro record, a JSON Schema with a title, a Protobuf message), not a primitive");
        assertThatThrownBy(() -> new TopicRecordNameStrategy().subjectName("raw_data", false, STRING))
            .hasMessageContaining("value.subject.name.strategy = TopicRecordNameStrategy");
    }

    @Test
    void shortConfluentAndTillstreamClassNamesAllFindTheBuiltInStrategies() {
        for (String prefix : new String[] {"", "io.confluent.kafka.serializers.subject.", "io.tillstream.serde."}) {
            assertThat(SubjectNameStrategy.forName(prefix + "TopicNameStrategy")).isInstanceOf(TopicNameStrategy.class);
            assertThat(SubjectNameStrategy.forName(prefix + "RecordNameStrategy")).isInstanceOf(RecordNameStrategy.class);
            assertThat(SubjectNameStrategy.forName(prefix + "TopicRecordNameStrategy"))
                .isInstanceOf(TopicRecordNameStrategy.class);
        }
    }

    @Test
    void aClassImplementingTheInterfaceIsCreatedByName() {
        assertThat(SubjectNameStrategy.forName(Prefixed.class.getName()).subjectName("raw_data", false, STRING))
            .isEqualTo("retail.raw_data");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> SubjectNameStrategy.forName("TopicStrategy"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Unknown subject name strategy TopicStrategy; expected one of RecordNameStrategy, "
                + "TopicNameStrategy, TopicRecordNameStrategy");
        assertThatThrownBy(() -> SubjectNameStrategy.forName("java.lang.String"))
            .hasMessageContaining("does not implement io.tillstream.serde.SubjectNameStrategy");
    }
}
