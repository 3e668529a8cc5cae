package io.tillstream.pipeline.topology;

import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.ProducerJson;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleDecoder;
import io.tillstream.retail.SaleRules;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Decodes each raw record with a {@link SaleDecoder} (Avro, JSON Schema or Protobuf through the
 * registry, or the original producer's plain JSON) and checks it against {@link SaleRules}. A good sale goes on enriched,
 * with its event time as the record's timestamp (so windows are in event time); anything else goes
 * on as its original bytes with headers saying why, and is counted in a store.
 *
 * <p>The event time is set here rather than by a TimestampExtractor: that would decode every value
 * a second time, and could not send a record it cannot decode to the dead-letter topic anyway.
 */
final class SaleValidator implements FixedKeyProcessor<byte[], byte[], Checked> {

    private final SaleDecoder decoder;
    private FixedKeyProcessorContext<byte[], Checked> context;
    private KeyValueStore<String, Long> deadLetterCounts;

    SaleValidator(SaleDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Checked> context) {
        this.context = context;
        this.deadLetterCounts = context.getStateStore(SalesTopology.DEAD_LETTER_STORE);
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        if (record.value() == null) {
            reject(record, source, DeadLetters.DECODE, "no value (a tombstone)", null);
            return;
        }
        Sale sale;
        try {
            sale = decoder.decode(source.topic(), record.value());
        } catch (ProducerJson.MalformedSaleException e) {
            reject(record, source, DeadLetters.DECODE, e.getMessage(), null);
            return;
        } catch (SerializationException e) {
            if (registryUnavailable(e)) {
                // Not the record's fault: fail the task so that it is retried from the last commit.
                throw e;
            }
            reject(record, source, DeadLetters.DECODE, e.getMessage(), null);
            return;
        }
        Optional<SaleRules.Violation> violation = SaleRules.check(sale);
        if (violation.isPresent()) {
            reject(record, source, DeadLetters.INVALID, violation.get().reason(), violation.get().field());
            return;
        }
        // A sale written before event_time existed reads as 0: its record's timestamp is the next best thing.
        Instant eventTime = sale.getEventTime() == null || sale.getEventTime().toEpochMilli() <= 0
            ? Instant.ofEpochMilli(record.timestamp()) : sale.getEventTime();
        context.forward(record.withValue((Checked) new Checked.Accepted(Enrichment.enrich(sale, eventTime)))
            .withTimestamp(eventTime.toEpochMilli()));
    }

    /** @param field the sale's field at fault, or null when the value is not a sale at all */
    private void reject(FixedKeyRecord<byte[], byte[]> record, RecordMetadata source, String errorClass, String reason,
                        String field) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, DeadLetters.ERROR_CLASS_HEADER, errorClass);
        put(headers, DeadLetters.ERROR_REASON_HEADER, reason);
        if (field != null) {
            put(headers, DeadLetters.ERROR_FIELD_HEADER, field);
        }
        put(headers, DeadLetters.SOURCE_TOPIC_HEADER, source.topic());
        put(headers, DeadLetters.SOURCE_PARTITION_HEADER, Integer.toString(source.partition()));
        put(headers, DeadLetters.SOURCE_OFFSET_HEADER, Long.toString(source.offset()));
        Long count = deadLetterCounts.get(errorClass);
        deadLetterCounts.put(errorClass, count == null ? 1 : count + 1);
        context.forward(record.withValue((Checked) new Checked.Rejected(record.value())).withHeaders(headers));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A registry that cannot be reached or fails answers for every record alike, good or bad. */
    private static boolean registryUnavailable(SerializationException e) {
        Throwable cause = e.getCause();
        return cause instanceof RegistryConnectionException
            || cause instanceof RegistryClientException client && client.status() >= 500;
    }
}
