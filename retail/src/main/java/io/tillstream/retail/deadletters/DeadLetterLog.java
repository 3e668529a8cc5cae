package io.tillstream.retail.deadletters;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a dead-letter topic (the pipeline's {@code raw_data_dlq}, the sink's {@code <topic>_dlq}) from its start to
 * the end it has when asked, with a consumer in no group, so reading moves nobody's offsets; and its marks topic,
 * which says which dead letters were redriven. Memory stays flat however long the topic: groups are counted as the
 * records pass, and a listing keeps only its newest {@code limit} records.
 */
public final class DeadLetterLog {

    /** Told now and then how far a scan is: records read, of the records the topic holds. */
    public interface Progress {
        Progress NONE = (scanned, total) -> { };

        void scanned(long scanned, long total);
    }

    /** A dead letter with its mark, null when never redriven. */
    public record Listed(DeadLetter letter, RedriveMark mark) {
    }

    /** The newest {@code limit} records that matched, newest first, and how many matched in all. */
    public record Listing(List<Listed> records, long matched, long scanned) {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> consumerSettings;
    private final String topic;
    private final Duration timeout;

    /** @param clientSettings Kafka client settings (bootstrap servers, security); {@code timeout} bounds each read */
    public DeadLetterLog(Map<String, Object> clientSettings, String topic, Duration timeout) {
        this.consumerSettings = new HashMap<>(clientSettings);
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerSettings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // The pipeline writes its dead letters in transactions, and a redrive its marks: read what was committed only.
        consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerSettings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tillstream-dead-letters");
        // A scan may run beside the broker in one JVM (up, demo): a few MiB of fetched records at a time, not Kafka's 50.
        consumerSettings.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Where the marks of {@code topic}'s redriven dead letters are kept: a compacted topic beside it. */
    public static String marksTopic(String topic) {
        return topic + "_redrives";
    }

    public String topic() {
        return topic;
    }

    /** Every group of dead letters matching {@code filter}, the most recent first. */
    public List<DeadLetterGroup> groups(DeadLetterFilter filter, Progress progress) {
        Map<DeadLetter.RecordId, RedriveMark> marks = marks();
        Map<String, DeadLetterGroup> groups = new LinkedHashMap<>();
        scan(letter -> {
            if (filter.matches(letter)) {
                boolean marked = marks.containsKey(letter.id());
                groups.merge(letter.groupId(), DeadLetterGroup.first(letter, marked), (had, one) -> had.add(letter, marked));
            }
        }, progress);
        return groups.values().stream().sorted(Comparator.comparingLong(DeadLetterGroup::lastSeen).reversed()).toList();
    }

    /** The newest {@code limit} dead letters matching {@code filter}. */
    public Listing records(DeadLetterFilter filter, int limit, Progress progress) {
        Map<DeadLetter.RecordId, RedriveMark> marks = marks();
        Deque<Listed> newest = new ArrayDeque<>();
        long[] counts = new long[2];
        scan(letter -> {
            counts[1]++;
            if (filter.matches(letter)) {
                counts[0]++;
                newest.addLast(new Listed(letter, marks.get(letter.id())));
                if (newest.size() > limit) {
                    newest.removeFirst();
                }
            }
        }, progress);
        List<Listed> records = new ArrayList<>(newest);
        records.sort(Comparator.comparingLong((Listed l) -> l.letter().timestamp())
            .thenComparingLong(l -> l.letter().id().offset()).reversed());
        return new Listing(records, counts[0], counts[1]);
    }

    /** Calls {@code each} with every committed record of the topic up to its end at the start of the scan. */
    void scan(Consumer<DeadLetter> each, Progress progress) {
        read(topic, true, record -> each.accept(DeadLetter.of(record)), progress);
    }

    /** The latest mark of every dead letter that was redriven. */
    Map<DeadLetter.RecordId, RedriveMark> marks() {
        Map<DeadLetter.RecordId, RedriveMark> marks = new HashMap<>();
        read(marksTopic(topic), false, record -> {
            if (record.key() == null) {
                return;
            }
            DeadLetter.RecordId id;
            try {
                id = DeadLetter.RecordId.parse(new String(record.key(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notOurs) {
                return;
            }
            RedriveMark mark = RedriveMark.fromBytes(record.value());
            if (mark == null) {
                marks.remove(id);
            } else {
                marks.put(id, mark);
            }
        }, Progress.NONE);
        return marks;
    }

    /** @param required whether a missing topic is an error (the dead letters) or simply empty (the marks) */
    private void read(String name, boolean required, Consumer<ConsumerRecord<byte[], byte[]>> each, Progress progress) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(name, timeout);
            if (partitions == null || partitions.isEmpty()) {
                if (required) {
                    throw new DeadLetterException(DeadLetterException.Kind.NO_SUCH_TOPIC, "topic " + name + " does not exist",
                        null);
                }
                return;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(name, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(assigned, timeout);
            long total = assigned.stream().mapToLong(tp -> ends.get(tp) - starts.get(tp)).sum();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long scanned = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            // Positions, not counts, tell when the end is reached: transaction markers take offsets too.
            while (assigned.stream().anyMatch(tp -> consumer.position(tp, timeout) < ends.get(tp))) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new DeadLetterException(DeadLetterException.Kind.TIMEOUT, "Kafka did not deliver " + name
                            + " to its end within " + timeout.toSeconds() + " s (read " + scanned + " of " + total + ")",
                            null);
                    }
                    continue;
                }
                deadline = System.nanoTime() + timeout.toNanos();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() < ends.get(new TopicPartition(name, record.partition()))) {
                        each.accept(record);
                        scanned++;
                    }
                }
                progress.scanned(scanned, total);
            }
        }
    }
}
