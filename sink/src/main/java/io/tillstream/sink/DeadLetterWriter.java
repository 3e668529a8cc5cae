package io.tillstream.sink;

import io.tillstream.retail.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends records the sink cannot land to the dead-letter topic, original key, value and headers
 * unchanged, with the pipeline's {@link DeadLetters} headers saying why and where from.
 * {@link #flush()} is called before the offsets past them are committed, so none is lost; a kill
 * between the two sends them again (at least once: they are not in the lake, so the lake stays exact).
 * The writer threads send, the consumer's thread flushes.
 */
final class DeadLetterWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();

    DeadLetterWriter(Map<String, Object> clientSettings, String topic) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    String topic() {
        return topic;
    }

    void send(ConsumerRecord<byte[], byte[]> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, DeadLetters.ERROR_CLASS_HEADER, DeadLetters.DECODE);
        put(headers, DeadLetters.ERROR_REASON_HEADER, reason);
        put(headers, DeadLetters.SOURCE_TOPIC_HEADER, record.topic());
        put(headers, DeadLetters.SOURCE_PARTITION_HEADER, Integer.toString(record.partition()));
        put(headers, DeadLetters.SOURCE_OFFSET_HEADER, Long.toString(record.offset()));
        producer.send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), headers),
            (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        pending.set(true);
    }

    /** Waits until every record sent before it was called (from any thread) is acknowledged. */
    void flush() {
        if (pending.getAndSet(false)) {
            producer.flush();
        }
        Exception e = failure.get();
        if (e != null) {
            throw new SinkException("cannot write to the dead-letter topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
