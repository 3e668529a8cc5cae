package io.tillstream.console.messages;

import io.tillstream.serde.RecordJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;

/**
 * One search: scans a topic's range with a {@link MessageFilter} and reports as it goes, as events
 * for a streamed answer: {@link Progress} after each fetch (at most every {@value #PROGRESS_EVERY_MS}
 * ms), a {@link Match} per record found, and one {@link End} that says how it ended, so "not found"
 * is always "not found within N scanned" or "scanned everything", never silence.
 */
final class MessageSearch {

    /** How far the search got; {@code total} is the offsets the range spans. */
    record Progress(String type, long scanned, long matched, long total) {
        Progress(long scanned, long matched, long total) {
            this("progress", scanned, matched, total);
        }
    }

    /** A record that matched. */
    record Match(String type, Message message) {
        Match(Message message) {
            this("match", message);
        }
    }

    /**
     * How the search ended: {@code complete} (scanned everything), {@code budget} (stopped after {@code budget}
     * records), {@code limit} ({@code limit} matches found) or {@code timeout} (Kafka stopped delivering). Records the
     * filter could not be evaluated on did not match; {@code unevaluated} counts them and {@code firstFailure} says why
     * for the first (a misspelt field, say).
     */
    record End(String type, TopicScan.Outcome outcome, long scanned, long matched, long total, long budget,
               long unevaluated, String firstFailure) {
    }

    /** Receives the events in order; fails when the browser has gone, which stops the search. */
    interface Events {
        void send(Object event) throws IOException;
    }

    static final long PROGRESS_EVERY_MS = 250;

    private final TopicScan scan;
    private final RecordJson keys;
    private final RecordJson values;

    MessageSearch(TopicScan scan, RecordJson keys, RecordJson values) {
        this.scan = scan;
        this.keys = keys;
        this.values = values;
    }

    void run(String topic, TopicScan.Range range, MessageFilter filter, int limit, Events events) throws IOException {
        Visitor visitor = new Visitor(filter, limit, events);
        // At once, so the answer starts before the first record is read.
        events.send(new Progress(0, 0, 0));
        TopicScan.Result result = scan.scan(topic, range, visitor);
        events.send(new End("end", result.outcome(), result.scanned(), visitor.matched, result.total(), range.budget(),
            visitor.unevaluated, visitor.firstFailure));
    }

    private final class Visitor implements TopicScan.Visitor {

        private final MessageFilter filter;
        private final int limit;
        private final Events events;
        private long matched;
        private long unevaluated;
        private String firstFailure;
        private long lastProgress = System.nanoTime();

        Visitor(MessageFilter filter, int limit, Events events) {
            this.filter = filter;
            this.limit = limit;
            this.events = events;
        }

        @Override
        public boolean visit(ConsumerRecord<byte[], byte[]> record) throws IOException {
            ScannedRecord scanned = new ScannedRecord(record, keys, values);
            boolean matches;
            try {
                matches = filter.test(scanned);
            } catch (MessageFilter.EvaluationFailure e) {
                unevaluated++;
                if (firstFailure == null) {
                    firstFailure = "partition " + record.partition() + " offset " + record.offset() + ": " + e.getMessage();
                }
                return true;
            }
            if (matches) {
                matched++;
                events.send(new Match(scanned.message(false)));
            }
            return matched < limit;
        }

        @Override
        public void progress(long scanned, long total) throws IOException {
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_MS * 1_000_000) {
                lastProgress = now;
                events.send(new Progress(scanned, matched, total));
            }
        }
    }
}
