package io.tillstream.retail;

/**
 * What a record in a dead-letter topic (the pipeline's, the sink's) carries besides its original key and value bytes: headers
 * naming why it was rejected and where it came from (values are UTF-8 strings).
 */
public final class DeadLetters {

    /** {@value #DECODE} or {@value #INVALID}. */
    public static final String ERROR_CLASS_HEADER = "tillstream.error.class";
    /** One line saying what is wrong, e.g. {@code price 1500.41 is not 5 x 300.08 = 1500.40}. */
    public static final String ERROR_REASON_HEADER = "tillstream.error.reason";
    /** For an {@value #INVALID} sale, the field that breaks a rule, e.g. {@code price}, so rejects can be counted by field. */
    public static final String ERROR_FIELD_HEADER = "tillstream.error.field";
    public static final String SOURCE_TOPIC_HEADER = "tillstream.source.topic";
    public static final String SOURCE_PARTITION_HEADER = "tillstream.source.partition";
    public static final String SOURCE_OFFSET_HEADER = "tillstream.source.offset";
    /** The {@code tillstream.error.*} and {@code tillstream.source.*} headers start so; a redrive leaves them behind. */
    public static final String ERROR_HEADER_PREFIX = "tillstream.error.";
    public static final String SOURCE_HEADER_PREFIX = "tillstream.source.";
    /**
     * How many times the record was sent back to its source topic from a dead-letter topic (absent: never). The
     * pipeline and the sink keep a record's own headers, so a redriven record that fails again arrives with it.
     */
    public static final String REDRIVE_COUNT_HEADER = "tillstream.redrive.count";

    /** A dead-letter topic is named after the topic whose records it keeps: {@code raw_data_dlq} for {@code raw_data}. */
    public static final String TOPIC_SUFFIX = "_dlq";

    /** The value is not a sale in Confluent's wire format with a schema the registry knows. */
    public static final String DECODE = "decode";
    /** The value is a sale, but breaks one of {@link SaleRules}. */
    public static final String INVALID = "invalid";

    private DeadLetters() {
    }

    /** The dead-letter topic of {@code source}'s records. */
    public static String topicFor(String source) {
        return source + TOPIC_SUFFIX;
    }
}
