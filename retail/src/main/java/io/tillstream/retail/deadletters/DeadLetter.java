package io.tillstream.retail.deadletters;

import io.tillstream.retail.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One record of a dead-letter topic as the pipeline and the sink write it: the original key, value and headers, and
 * the {@link DeadLetters} headers saying why it was rejected and where it came from. {@code source} is null when the
 * record does not say where it came from (then it cannot be redriven).
 */
public record DeadLetter(RecordId id, long timestamp, String errorClass, String reason, String field, Source source,
                         int redriveCount, ConsumerRecord<byte[], byte[]> record) {

    /** Where a record stands in a topic. */
    public record RecordId(int partition, long offset) {

        /** {@code PARTITION:OFFSET}, as the CLI and the API write it. */
        public static RecordId parse(String text) {
            int colon = text.indexOf(':');
            try {
                if (colon > 0) {
                    return new RecordId(Integer.parseInt(text.substring(0, colon).trim()),
                        Long.parseLong(text.substring(colon + 1).trim()));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + text + "' is not PARTITION:OFFSET, such as 0:42");
        }

        @Override
        public String toString() {
            return partition + ":" + offset;
        }
    }

    /** The record's place in its source topic before it was dead-lettered. */
    public record Source(String topic, int partition, long offset) {
    }

    /** Unknown when a dead letter has no error class header (someone else's dead letter). */
    public static final String UNKNOWN = "unknown";

    /** Numbers that locate one record in a reason: without them, the reasons of one failure group together. */
    private static final Pattern LOCATION = Pattern.compile("\\b(partition|offset) -?\\d+", Pattern.CASE_INSENSITIVE);

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        String sourceTopic = text(headers, DeadLetters.SOURCE_TOPIC_HEADER);
        Source source = null;
        try {
            String partition = text(headers, DeadLetters.SOURCE_PARTITION_HEADER);
            String offset = text(headers, DeadLetters.SOURCE_OFFSET_HEADER);
            if (sourceTopic != null && partition != null && offset != null) {
                source = new Source(sourceTopic, Integer.parseInt(partition), Long.parseLong(offset));
            }
        } catch (NumberFormatException e) {
            // A header not ours: the record cannot say where it came from.
        }
        String errorClass = text(headers, DeadLetters.ERROR_CLASS_HEADER);
        String reason = text(headers, DeadLetters.ERROR_REASON_HEADER);
        return new DeadLetter(new RecordId(record.partition(), record.offset()), record.timestamp(),
            errorClass == null ? UNKNOWN : errorClass, reason == null ? "" : reason,
            text(headers, DeadLetters.ERROR_FIELD_HEADER), source, redriveCount(headers), record);
    }

    /** The header's value as a count, 0 when absent or not a number. */
    static int redriveCount(Headers headers) {
        String count = text(headers, DeadLetters.REDRIVE_COUNT_HEADER);
        try {
            return count == null ? 0 : Math.max(0, Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The reason without the partition and offset numbers that name one record, the same for every record of one failure. */
    public String reasonPattern() {
        return LOCATION.matcher(reason).replaceAll(m -> m.group(1).toLowerCase(Locale.ROOT) + " *");
    }

    /** The group's short name: the same for every dead letter of one error class and reason pattern, in every run. */
    public String groupId() {
        return DeadLetterGroup.idOf(errorClass, reasonPattern());
    }

    /** The record's own headers: what it carried before it was dead-lettered, redrive count included. */
    public List<Header> originalHeaders() {
        return Arrays.stream(record.headers().toArray())
            .filter(h -> !h.key().startsWith(DeadLetters.ERROR_HEADER_PREFIX)
                && !h.key().startsWith(DeadLetters.SOURCE_HEADER_PREFIX))
            .toList();
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
