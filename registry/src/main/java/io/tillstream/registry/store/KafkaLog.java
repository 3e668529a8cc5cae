package io.tillstream.registry.store;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The {@code _schemas} topic as the registry's only store. A reader thread consumes it from the
 * beginning and hands every record to the state; {@link #write} produces a record and returns only
 * once the reader has applied it, so the state never changes except through the log.
 */
public final class KafkaLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaLog.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final TopicPartition partition;
    private final Map<String, Object> clientProps;
    private final long timeoutMs;
    private final BiConsumer<StoreKey, StoreValue> state;
    private final OffsetWatcher watcher = new OffsetWatcher();
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private volatile boolean closed;

    /**
     * @param clientProps Kafka client settings (bootstrap servers, security) for the admin client,
     *                    producer and consumer
     * @param timeoutMs   how long a write may wait to be acknowledged and read back
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
     * Creates the topic if missing, starts the reader and returns once it has applied every record
     * that was in the log when this method started.
     *
     * @throws TimeoutException if Kafka does not answer, or the log is not read, within {@code initTimeoutMs}
     */
    public void start(long initTimeoutMs) throws TimeoutException, ExecutionException, InterruptedException {
        long deadline = System.currentTimeMillis() + initTimeoutMs;
        Map<String, Object> adminProps = new HashMap<>(clientProps);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, initTimeoutMs));
        try (Admin admin = Admin.create(adminProps)) {
            SchemasTopic.ensure(admin, topic, initTimeoutMs);
        }
        producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), Duration.ofMillis(remaining(deadline))).get(partition);
        reader = new Thread(this::read, "registry-log-reader");
        reader.setDaemon(true);
        reader.start();
        if (!watcher.awaitApplied(end - 1, remaining(deadline))) {
            throw new TimeoutException("read " + watcher.applied() + " of " + end + " records of " + topic
                + " within " + initTimeoutMs + " ms");
        }
        log.info("Read {} records of {}", end, topic);
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.currentTimeMillis());
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tillstream-registry-writer");
        return props;
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
                state.accept(key, RecordLayout.parseValue(key, record.value()));
            }
        } catch (RuntimeException e) {
            // Confluent skips what it cannot read too: one bad record must not stop the registry.
            log.error("Skipped record at offset {} of {}: {}", record.offset(), topic, e.getMessage());
        }
        watcher.appliedUpTo(record.offset() + 1);
    }

    /**
     * Appends a record (a null value is a tombstone) and waits until the reader has applied it.
     *
     * @throws StoreWriteException if Kafka does not take the record, or it is not read back, in time
     */
    public void write(StoreKey key, StoreValue value) {
        RecordMetadata written;
        try {
            written = producer.send(new ProducerRecord<>(topic, 0, RecordLayout.key(key),
                value == null ? null : RecordLayout.value(value))).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException("interrupted while writing to " + topic, false, e);
        } catch (TimeoutException e) {
            throw new StoreWriteException("writing to " + topic + " timed out after " + timeoutMs + " ms", true, e);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StoreWriteException("writing to " + topic + " failed: " + cause.getMessage(),
                cause instanceof org.apache.kafka.common.errors.TimeoutException, cause);
        }
        try {
            if (!watcher.awaitApplied(written.offset(), timeoutMs)) {
                throw new StoreWriteException("record at offset " + written.offset() + " of " + topic
                    + " was not read back within " + timeoutMs + " ms", true, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException("interrupted while reading back from " + topic, false, e);
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
        }
    }
}
