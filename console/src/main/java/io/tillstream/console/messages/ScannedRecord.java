package io.tillstream.console.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.serde.RecordJson;
import io.tillstream.serde.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A record read by the browser, a search or an export, decoded only as far as asked: a filter on the
 * key never pays for decoding the value. Not thread-safe; one per record.
 */
final class ScannedRecord {

    private final ConsumerRecord<byte[], byte[]> record;
    private final RecordJson keys;
    private final RecordJson values;
    private Payload key;
    private Payload value;

    ScannedRecord(ConsumerRecord<byte[], byte[]> record, RecordJson keys, RecordJson values) {
        this.record = record;
        this.keys = keys;
        this.values = values;
    }

    ConsumerRecord<byte[], byte[]> record() {
        return record;
    }

    Payload key() {
        if (key == null) {
            key = Payload.decode(record.key(), record, keys, false);
        }
        return key;
    }

    Payload value() {
        if (value == null) {
            value = Payload.decode(record.value(), record, values, false);
        }
        return value;
    }

    /**
     * The key as text: its UTF-8 text as it is, or, in Confluent's wire format, decoded to a string or its JSON; null
     * for none. A filter asks for it on every record, so plain keys skip the decoding.
     */
    String keyText() {
        byte[] bytes = record.key();
        if (key == null && bytes != null && !WireFormat.hasHeader(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return text(key().content());
    }

    /** The value as text, as {@link #keyText()} reads the key. */
    String valueText() {
        return text(value().content());
    }

    /** The headers' UTF-8 values by key ("" for a header without one); of a key that repeats, the last. */
    Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** The record as the browser shows it; {@code raw} adds the bytes as hex. */
    Message message(boolean raw) {
        List<Message.Header> headers = StreamSupport.stream(record.headers().spliterator(), false)
            .map(h -> new Message.Header(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)))
            .toList();
        return new Message(record.partition(), record.offset(), record.timestamp(), record.timestampType().name,
            raw ? Payload.decode(record.key(), record, keys, true) : key(),
            raw ? Payload.decode(record.value(), record, values, true) : value(), headers);
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        return content.isTextual() ? content.textValue() : content.toString();
    }
}
