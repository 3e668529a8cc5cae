package io.tillstream.serde;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * A decoded Avro datum as plain JSON for people to read: records as objects, unions as their
 * branch's value, decimals as exact numbers with their scale ({@code 1500.40}), dates, times and
 * timestamps in ISO-8601 ({@code 2022-08-05}), bytes and fixed as base64, NaN and infinities as
 * strings (JSON has none). Avro's own JSON encoding wraps unions and writes bytes as code points:
 * exact, but hard to read.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    private AvroJson() {
    }

    /** The datum as a JSON tree. */
    public static JsonNode toJson(Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        if (datum instanceof IndexedRecord record) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), toJson(record.get(field.pos())));
            }
            return object;
        }
        if (datum instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, value) -> object.set(String.valueOf(key), toJson(value)));
            return object;
        }
        if (datum instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (datum instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (datum instanceof Integer || datum instanceof Long) {
            return NODES.numberNode(((Number) datum).longValue());
        }
        if (datum instanceof Float || datum instanceof Double) {
            double number = ((Number) datum).doubleValue();
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(Double.toString(number));
        }
        if (datum instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (datum instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (datum instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (datum instanceof GenericFixed fixed) {
            return NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        }
        // Strings (Utf8 too), enum symbols, UUIDs and java.time values: their text is the readable form.
        return NODES.textNode(datum.toString());
    }

    /** The datum as one line of JSON text. */
    public static String write(Object datum) {
        try {
            return MAPPER.writeValueAsString(toJson(datum));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
