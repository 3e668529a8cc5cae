package io.tillstream.console.deadletters;

import io.tillstream.console.messages.Message;
import io.tillstream.console.messages.Payload;
import io.tillstream.retail.deadletters.DeadLetter;
import io.tillstream.retail.deadletters.DeadLetterLog;
import io.tillstream.retail.deadletters.RedriveMark;
import io.tillstream.serde.RecordJson;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A dead letter as the page shows it: where it is, why it is there, where it came from, its original key and value
 * decoded as the message browser decodes them (raw bytes as hex besides), its own headers, and its redrive mark.
 */
record DeadLetterView(int partition, long offset, long timestamp, String group, String errorClass, String reason,
                      String field, DeadLetter.Source source, int redriveCount, RedriveMark redriven, Payload key,
                      Payload value, List<Message.Header> headers) {

    static DeadLetterView of(DeadLetterLog.Listed listed, RecordJson keys, RecordJson values) {
        DeadLetter letter = listed.letter();
        var record = letter.record();
        return new DeadLetterView(letter.id().partition(), letter.id().offset(), letter.timestamp(), letter.groupId(),
            letter.errorClass(), letter.reason(), letter.field(), letter.source(), letter.redriveCount(), listed.mark(),
            Payload.decode(record.key(), record, keys, true), Payload.decode(record.value(), record, values, true),
            Arrays.stream(record.headers().toArray()).map(h -> new Message.Header(h.key(),
                h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8))).toList());
    }

    /** A page of them: the newest that matched, how many matched, and how many records were read to find them. */
    record Page(List<DeadLetterView> records, long matched, long scanned) {
    }
}
