package io.tillstream.console.messages;

import io.tillstream.serde.RecordJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Reads a window of records from a topic's partitions with a consumer of its own that belongs to
 * no group, so browsing never moves anyone's committed offsets. Each partition's window ends
 * {@code limit} records after the position asked for, or at its end offset; the merged result is
 * newest first. However many partitions are read, the browser holds at most {@code limit} records
 * and {@code maxBytes} bytes of them at a time: the oldest are let go as newer ones arrive.
 */
final class MessageBrowser {

    /** Where to read in each partition: from an offset, from a timestamp, or the last {@code limit} records. */
    record Query(Long offset, Long timestamp, int limit, boolean raw) {
    }

    private final Map<String, Object> consumerProps;
    private final RecordJson keys;
    private final RecordJson values;
    private final Duration timeout;
    private final int maxBytes;

    MessageBrowser(Map<String, Object> clientProps, RecordJson keys, RecordJson values, Duration timeout,
                   int maxBytes) {
        this.consumerProps = new HashMap<>(clientProps);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "tillstream-console-browser");
        // A page shows a few dozen records: fetching Kafka's default megabyte per partition for each request only fills
        // the heap. A larger first batch still comes whole, so no record is too big to show.
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        consumerProps.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        this.keys = keys;
        this.values = values;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    Page browse(String topic, List<Integer> partitions, Query query) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(assigned, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
            Map<TopicPartition, Long> from = from(consumer, assigned, starts, ends, query);
            Map<TopicPartition, Long> until = new HashMap<>();
            from.forEach((tp, offset) -> {
                if (offset < ends.get(tp)) {
                    until.put(tp, Math.min(ends.get(tp), offset + query.limit()));
                }
            });
            return read(consumer, from, until, query);
        }
    }

    private static Map<TopicPartition, Long> from(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> assigned,
                                                  Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends,
                                                  Query query) {
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, OffsetAndTimestamp> byTime = query.timestamp() == null ? Map.of()
            : consumer.offsetsForTimes(assigned.stream().collect(HashMap::new, (m, tp) -> m.put(tp, query.timestamp()),
                HashMap::putAll));
        for (TopicPartition tp : assigned) {
            long start = starts.get(tp);
            long end = ends.get(tp);
            long offset;
            if (query.offset() != null) {
                offset = query.offset();
            } else if (query.timestamp() != null) {
                OffsetAndTimestamp found = byTime.get(tp);
                offset = found == null ? end : found.offset();
            } else {
                offset = end - query.limit();
            }
            from.put(tp, Math.max(start, Math.min(end, offset)));
        }
        return from;
    }

    private Page read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> from,
                      Map<TopicPartition, Long> until, Query query) {
        Window window = new Window(query.limit(), maxBytes);
        if (until.isEmpty()) {
            return window.page(false);
        }
        consumer.assign(until.keySet());
        until.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
        long deadline = System.nanoTime() + timeout.toNanos();
        // Positions, not record counts, tell when a window is read: transaction markers take offsets too.
        boolean unread;
        while ((unread = until.keySet().stream().anyMatch(tp -> consumer.position(tp) < until.get(tp)))
            && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < until.get(tp)) {
                    window.add(message(record, query.raw()), size(record));
                }
            }
        }
        return window.page(unread);
    }

    /** The bytes a record takes as stored: what the browser holds for it before decoding. */
    private static int size(ConsumerRecord<byte[], byte[]> record) {
        int size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    /** The newest {@code limit} records seen so far, within {@code maxBytes}. */
    private static final class Window {

        private static final Comparator<Held> OLDEST_FIRST = Comparator.<Held>comparingLong(h -> h.message().timestamp())
            .thenComparingLong(h -> h.message().offset()).thenComparingInt(h -> h.message().partition());

        private record Held(Message message, int bytes) {
        }

        private final int limit;
        private final int maxBytes;
        private final PriorityQueue<Held> held = new PriorityQueue<>(OLDEST_FIRST);
        private long bytes;
        /** The newest record let go for bytes: an older one arriving later must not fill its place. */
        private Held cutOff;

        Window(int limit, int maxBytes) {
            this.limit = limit;
            this.maxBytes = maxBytes;
        }

        void add(Message message, int size) {
            Held record = new Held(message, size);
            if (cutOff != null && OLDEST_FIRST.compare(record, cutOff) <= 0) {
                return;
            }
            held.add(record);
            bytes += size;
            while (held.size() > limit) {
                bytes -= held.poll().bytes();
            }
            while (bytes > maxBytes) {
                cutOff = held.poll();
                bytes -= cutOff.bytes();
            }
        }

        Page page(boolean timedOut) {
            List<Message> newestFirst = held.stream().sorted(OLDEST_FIRST.reversed()).map(Held::message).toList();
            Page.Truncated truncated = cutOff != null ? Page.Truncated.BYTES : timedOut ? Page.Truncated.TIMEOUT : null;
            return new Page(newestFirst, truncated);
        }
    }

    private Message message(ConsumerRecord<byte[], byte[]> record, boolean raw) {
        return new ScannedRecord(record, keys, values).message(raw);
    }
}
