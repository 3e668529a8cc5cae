package io.tillstream.registry.store;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one writer of the log: a transactional producer whose ID every registry instance of the topic
 * shares, so that opening a writer fences the previous one (Kafka aborts what it left open and
 * refuses its later commits). An instance that lost the leadership but does not know it yet therefore
 * cannot add a record after the new leader has read the log, and no ID can be handed out twice.
 * Each {@link #write} is one transaction and returns once the reader has applied it.
 */
public final class LogWriter implements AutoCloseable {

    /** One record to append; a null value is a tombstone. */
    public record Entry(StoreKey key, StoreValue value) {
    }

    private final KafkaLog log;
    private final long timeoutMs;
    private final KafkaProducer<byte[], byte[]> producer;
    private volatile boolean closed;

    LogWriter(KafkaLog log, Map<String, Object> clientProps, String transactionalId, long timeoutMs) {
        this.log = log;
        this.timeoutMs = timeoutMs;
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tillstream-registry-writer");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new StoreWriteException("could not become the writer of " + log.topic() + ": " + e.getMessage(),
                e instanceof org.apache.kafka.common.errors.TimeoutException, e);
        }
    }

    /**
     * Appends {@code entries} in one transaction, each after tombstones for the other forms its key
     * has in the log, and waits until the reader has applied them.
     *
     * @throws StoreWriteException if Kafka refused them (nothing was written), this writer was fenced,
     *                             or the outcome is not known in time (then it may still show up in the log)
     */
    public synchronized void write(List<Entry> entries) {
        if (closed) {
            throw StoreWriteException.fenced(log.topic());
        }
        long last;
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Entry entry : entries) {
                for (ByteBuffer form : log.otherFormsOf(entry.key())) {
                    sent.add(producer.send(new ProducerRecord<>(log.topic(), 0, bytes(form), null)));
                }
                sent.add(producer.send(new ProducerRecord<>(log.topic(), 0, RecordLayout.key(entry.key()),
                    entry.value() == null ? null : RecordLayout.value(entry.value()))));
            }
            producer.commitTransaction();
            last = sent.get(sent.size() - 1).get(timeoutMs, TimeUnit.MILLISECONDS).offset();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            close();
            throw StoreWriteException.fenced(log.topic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StoreWriteException("interrupted while writing to " + log.topic(), true, e);
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            // The transaction may still commit: this writer is done, and whoever writes next reads the log first.
            close();
            throw new StoreWriteException("writing to " + log.topic() + " timed out after " + timeoutMs + " ms", true, e);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            close();
            Throwable refusal = refusal(cause);
            if (refusal != null) {
                throw StoreWriteException.refused("Kafka refused the write to " + log.topic() + ": " + refusal.getMessage(), refusal);
            }
            throw new StoreWriteException("writing to " + log.topic() + " failed: " + cause.getMessage(),
                cause instanceof org.apache.kafka.common.errors.TimeoutException, cause);
        }
        try {
            if (!log.awaitApplied(last, timeoutMs)) {
                throw new StoreWriteException("record at offset " + last + " of " + log.topic()
                    + " was not read back within " + timeoutMs + " ms", true, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException("interrupted while reading back from " + log.topic(), true, e);
        }
    }

    /** The error in {@code failure}'s causes that Kafka answered for good, if any (a send's error surfaces at the commit). */
    private static Throwable refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException && !(t instanceof RetriableException)
                && !(t instanceof ProducerFencedException) && !(t instanceof InvalidProducerEpochException)) {
                return t;
            }
        }
        return null;
    }

    private static byte[] bytes(ByteBuffer form) {
        byte[] bytes = new byte[form.remaining()];
        form.duplicate().get(bytes);
        return bytes;
    }

    /** False once fenced, failed or closed: the leader then needs a new writer. */
    public boolean isOpen() {
        return !closed;
    }

    /** Stops writing; a transaction still open is aborted by Kafka when the next writer opens. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            producer.close(Duration.ZERO);
        }
    }
}
