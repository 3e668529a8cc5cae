package io.tillstream.console.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a range of a topic's partitions for a search or an export with a consumer of its own that
 * belongs to no group, visiting each record once, without holding more than one fetch of them. The
 * range ends at the end offsets seen when the scan starts, so a busy topic cannot keep it going.
 *
 * <p>Oldest first reads forward from the position asked for (the beginning by default). Newest
 * first reads backward from the position asked for (the end by default) in chunks of
 * {@value #CHUNK} offsets per partition, every partition's newest chunk first, then the chunks
 * before them; within a chunk records come in offset order: Kafka only reads forward.
 *
 * <p>A scan stops after {@code budget} records, when the visitor has enough, or when the visitor
 * fails (a download the browser dropped), and says which.
 */
final class TopicScan {

    /** Which end of the topic a scan starts from. */
    enum Direction {
        NEWEST, OLDEST;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a scan ended. */
    enum Outcome {
        /** Every record of the range was scanned. */
        COMPLETE,
        /** The budget of records was scanned before the range ended. */
        BUDGET,
        /** The visitor reached its limit: as many matches or rows as were asked for. */
        LIMIT,
        /** Kafka delivered nothing for console.request.timeout.ms while records remained. */
        TIMEOUT;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to scan: the partitions, the direction, where to start (an offset, a timestamp, or neither), the budget. */
    record Range(List<Integer> partitions, Direction direction, Long offset, Long timestamp, long budget) {
    }

    /** Sees each record of a scan; after each fetch, how far it got. */
    interface Visitor {
        /** Returns false when it has enough. */
        boolean visit(ConsumerRecord<byte[], byte[]> record) throws IOException;

        /**
         * After each fetch and every thousand records: {@code total} is how many offsets the range spans (records, less
         * any transaction markers).
         */
        void progress(long scanned, long total) throws IOException;
    }

    /** How a scan ended, and how many records it visited of how many offsets. */
    record Result(Outcome outcome, long scanned, long total) {
    }

    /** Offsets per partition read in one go newest first: large enough that seeking back costs little. */
    static final int CHUNK = 50_000;

    /** Records between two progress reports within a fetch. */
    private static final int PROGRESS_RECORDS = 1_000;

    private final Map<String, Object> consumerProps;
    private final Duration timeout;

    TopicScan(Map<String, Object> clientProps, Duration timeout) {
        this.consumerProps = new HashMap<>(clientProps);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "tillstream-console-scan");
        // Kafka's defaults (50 MB a fetch) would let one scan hold far more than it needs in a JVM shared with the
        // broker; 4 MB a fetch still reads at the consumer's full speed.
        consumerProps.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.timeout = timeout;
    }

    Result scan(String topic, Range range, Visitor visitor) throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<TopicPartition> assigned = range.partitions().stream().map(p -> new TopicPartition(topic, p)).toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(assigned, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
            Map<TopicPartition, Long> lower = new HashMap<>();
            Map<TopicPartition, Long> upper = new HashMap<>();
            Map<TopicPartition, Long> position = position(consumer, assigned, range, starts, ends);
            for (TopicPartition tp : assigned) {
                boolean oldest = range.direction() == Direction.OLDEST;
                lower.put(tp, oldest ? position.get(tp) : starts.get(tp));
                upper.put(tp, oldest ? ends.get(tp) : position.get(tp));
            }
            long total = assigned.stream().mapToLong(tp -> Math.max(0, upper.get(tp) - lower.get(tp))).sum();
            Pass pass = new Pass(consumer, visitor, range.budget(), total);
            if (range.direction() == Direction.OLDEST) {
                return pass.read(lower, upper);
            }
            // Newest first: each round reads the chunk just below what the last round read, in every partition.
            Map<TopicPartition, Long> below = new HashMap<>(upper);
            while (true) {
                Map<TopicPartition, Long> from = new HashMap<>();
                Map<TopicPartition, Long> until = new HashMap<>();
                below.forEach((tp, end) -> {
                    if (end > lower.get(tp)) {
                        from.put(tp, Math.max(lower.get(tp), end - CHUNK));
                        until.put(tp, end);
                    }
                });
                if (until.isEmpty()) {
                    return new Result(Outcome.COMPLETE, pass.scanned, total);
                }
                Result round = pass.read(from, until);
                if (round.outcome() != Outcome.COMPLETE) {
                    return round;
                }
                below.putAll(from);
            }
        }
    }

    /** Where the scan starts in each partition: the offset or time asked for, or the direction's end. */
    private static Map<TopicPartition, Long> position(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> assigned,
                                                      Range range, Map<TopicPartition, Long> starts,
                                                      Map<TopicPartition, Long> ends) {
        Map<TopicPartition, OffsetAndTimestamp> byTime = range.timestamp() == null ? Map.of()
            : consumer.offsetsForTimes(assigned.stream().collect(HashMap::new, (m, tp) -> m.put(tp, range.timestamp()),
                HashMap::putAll));
        Map<TopicPartition, Long> position = new HashMap<>();
        for (TopicPartition tp : assigned) {
            long offset;
            if (range.offset() != null) {
                // Newest first from an offset includes that offset's record.
                offset = range.direction() == Direction.NEWEST ? range.offset() + 1 : range.offset();
            } else if (range.timestamp() != null) {
                OffsetAndTimestamp found = byTime.get(tp);
                offset = found == null ? ends.get(tp) : found.offset();
            } else {
                offset = range.direction() == Direction.NEWEST ? ends.get(tp) : starts.get(tp);
            }
            position.put(tp, Math.max(starts.get(tp), Math.min(ends.get(tp), offset)));
        }
        return position;
    }

    /** One scan's reading, over one or more rounds of ranges. */
    private final class Pass {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Visitor visitor;
        private final long budget;
        private final long total;
        private long scanned;

        Pass(KafkaConsumer<byte[], byte[]> consumer, Visitor visitor, long budget, long total) {
            this.consumer = consumer;
            this.visitor = visitor;
            this.budget = budget;
            this.total = total;
        }

        /** Reads [from, until) of each partition given. */
        Result read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until) throws IOException {
            Map<TopicPartition, Long> open = new HashMap<>();
            until.forEach((tp, end) -> {
                if (from.get(tp) < end) {
                    open.put(tp, end);
                }
            });
            if (open.isEmpty()) {
                return new Result(Outcome.COMPLETE, scanned, total);
            }
            consumer.assign(open.keySet());
            consumer.resume(consumer.paused());
            open.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
            long lastDelivery = System.nanoTime();
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (TopicPartition tp : records.partitions()) {
                    Long end = open.get(tp);
                    for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                        if (end == null || record.offset() >= end) {
                            break;
                        }
                        if (scanned == budget) {
                            return new Result(Outcome.BUDGET, scanned, total);
                        }
                        scanned++;
                        if (!visitor.visit(record)) {
                            return new Result(Outcome.LIMIT, scanned, total);
                        }
                        if (scanned % PROGRESS_RECORDS == 0) {
                            // A costly filter may spend seconds on one fetch: progress, and noticing a cancel, cannot wait.
                            visitor.progress(scanned, total);
                        }
                    }
                }
                // Positions, not record counts, tell when a range is read: transaction markers take offsets too.
                List<TopicPartition> done = open.keySet().stream().filter(tp -> consumer.position(tp) >= open.get(tp))
                    .toList();
                if (!done.isEmpty()) {
                    consumer.pause(done);
                    done.forEach(open::remove);
                }
                visitor.progress(scanned, total);
                if (!records.isEmpty()) {
                    lastDelivery = System.nanoTime();
                } else if (!open.isEmpty() && System.nanoTime() - lastDelivery > timeout.toNanos()) {
                    return new Result(Outcome.TIMEOUT, scanned, total);
                }
            }
            return new Result(Outcome.COMPLETE, scanned, total);
        }
    }
}
