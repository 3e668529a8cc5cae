package io.tillstream.registry.store;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The {@code _schemas} topic as the registry's only store. A reader thread consumes it from the
 * beginning (committed records only) and hands every record to the state, so the state never changes
 * except through the log. {@link #catchUp} waits until the reader has reached the log's end as it
 * is now; only the instance holding a {@link LogWriter} writes.
 */
public final class KafkaLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaLog.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RETRY_BACKOFF_MS = 50;

    private final String topic;
    private final TopicPartition partition;
    private final Map<String, Object> clientProps;
    private final long timeoutMs;
    private final BiConsumer<StoreKey, StoreValue> state;
    private final OffsetWatcher watcher = new OffsetWatcher();
    /**
     * Keys that are in the log in another byte form than ours (older Confluent versions, other field
     * orders), by what they mean. Compaction goes by bytes, so a write to such a key must also
     * tombstone each of its other forms, or a deleted schema comes back once our tombstone is compacted.
     */
    private final Map<StoreKey, Set<ByteBuffer>> otherKeyForms = new ConcurrentHashMap<>();
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private String clusterId;
    private volatile boolean closed;

    /**
     * @param clientProps Kafka client settings (bootstrap servers, security) for the admin client,
     *                    producer and consumer
     * @param timeoutMs   how long a write or a catch-up may take
     * @param state       receives every record in log order, on the reader thread; a null value is a tombstone
     */
    public KafkaLog(String topic, Map<String, Object> clientProps, long timeoutMs, BiConsumer<StoreKey, StoreValue> state) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.clientProps = Map.copyOf(clientProps);
        this.timeoutMs = timeoutMs;
        this.state = state;
    }

    /**
     * Creates the topic if missing (or checks the one there), starts the reader and returns once it
     * has applied every record that was in the log when this method started.
     *
     * @throws TimeoutException      if Kafka does not answer, or the log is not read, within {@code initTimeoutMs}
     * @throws IllegalStateException if the topic exists but cannot hold the registry (partitions, cleanup policy)
     */
    public void start(long initTimeoutMs) throws TimeoutException, ExecutionException, InterruptedException {
        long deadline = System.currentTimeMillis() + initTimeoutMs;
        Map<String, Object> adminProps = new HashMap<>(clientProps);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, initTimeoutMs));
        admin = Admin.create(adminProps);
        // Asked beside the topic's check rather than after it: one round trip fewer on the registry's start.
        KafkaFuture<String> cluster = admin.describeCluster().clusterId();
        SchemasTopic.ensure(admin, topic, initTimeoutMs);
        clusterId = cluster.get(remaining(deadline), TimeUnit.MILLISECONDS);
        consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        reader = new Thread(this::read, "registry-log-reader");
        reader.setDaemon(true);
        reader.start();
        long end = endOffset(remaining(deadline));
        if (!watcher.awaitApplied(end - 1, remaining(deadline))) {
            throw new TimeoutException("read " + watcher.applied() + " of " + end + " records of " + topic
                + " within " + initTimeoutMs + " ms");
        }
        log.info("Read {} records of {}", end, topic);
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.currentTimeMillis());
    }

    public String topic() {
        return topic;
    }

    /** The ID of the Kafka cluster holding the log, known once started. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Returns once the reader has applied every record committed to the log before this call, so that
     * what the state says is at least as new as the log was then.
     *
     * @throws StoreWriteException (a timeout) if Kafka does not answer or the reader does not get there in time
     */
    public void catchUp() {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            long end = endOffset(timeoutMs);
            if (!watcher.awaitApplied(end - 1, remaining(deadline))) {
                throw new StoreWriteException("the registry has read " + watcher.applied() + " of " + end + " records of "
                    + topic + " and did not catch up within " + timeoutMs + " ms", true, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException("interrupted while catching up with " + topic, false, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreWriteException("could not learn the end of " + topic + " within " + timeoutMs + " ms: "
                + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), true, e);
        }
    }

    /**
     * The log's end as committed-only readers see it (Kafka's last stable offset), asking again while
     * Kafka answers that it cannot tell yet (a topic just created, a leader moving).
     */
    private long endOffset(long timeout) throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + timeout;
        while (true) {
            try {
                return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition).get(remaining(deadline), TimeUnit.MILLISECONDS).offset();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.currentTimeMillis() >= deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_BACKOFF_MS);
            }
        }
    }

    /**
     * Opens the one writer of the log, fencing any writer another instance (or an earlier one of this
     * instance) opened under the same {@code transactionalId}, and catches up with what they wrote.
     *
     * @throws StoreWriteException if Kafka does not let it in time
     */
    public LogWriter openWriter(String transactionalId) {
        LogWriter writer = new LogWriter(this, clientProps, transactionalId, timeoutMs);
        try {
            catchUp();
        } catch (StoreWriteException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    /** Forms other than ours in which the log holds {@code key}, to tombstone along with it. */
    Set<ByteBuffer> otherFormsOf(StoreKey key) {
        return otherKeyForms.getOrDefault(key, Set.of());
    }

    boolean awaitApplied(long offset, long timeout) throws InterruptedException {
        return watcher.awaitApplied(offset, timeout);
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tillstream-registry-reader");
        return props;
    }

    private void read() {
        while (!closed) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    applyRecord(record);
                }
                // Compaction and transaction markers leave gaps, so the position, not the last record, says how far we are.
                watcher.appliedUpTo(consumer.position(partition));
            } catch (WakeupException e) {
                // close() asked the loop to stop
            } catch (RuntimeException e) {
                if (!closed) {
                    log.warn("Reading {} failed; retrying", topic, e);
                }
            }
        }
    }

    private void applyRecord(ConsumerRecord<byte[], byte[]> record) {
        try {
            StoreKey key = RecordLayout.parseKey(record.key());
            if (key != null) {
                StoreValue value = RecordLayout.parseValue(key, record.value());
                noteKeyForm(key, record.key(), record.value() == null);
                state.accept(key, value);
            }
        } catch (RuntimeException e) {
            // Confluent skips what it cannot read too: one bad record must not stop the registry.
            log.error("Skipped record at offset {} of {}: {}", record.offset(), topic, e.getMessage());
        }
        watcher.appliedUpTo(record.offset() + 1);
    }

    private void noteKeyForm(StoreKey key, byte[] bytes, boolean tombstone) {
        if (Arrays.equals(bytes, RecordLayout.key(key))) {
            return;
        }
        ByteBuffer form = ByteBuffer.wrap(bytes);
        if (tombstone) {
            otherKeyForms.computeIfPresent(key, (k, forms) -> {
                forms.remove(form);
                return forms.isEmpty() ? null : forms;
            });
        } else {
            otherKeyForms.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(form);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
