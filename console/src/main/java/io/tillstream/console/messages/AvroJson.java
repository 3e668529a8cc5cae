package io.tillstream.console.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.Schema;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

/**
 * A decoded Avro datum as plain JSON for the message browser: records as objects, unions as their
 * branch's value, decimals as numbers, dates and times in ISO form, bytes as hex. (Avro's own JSON
 * encoding wraps unions and writes bytes as code points: exact, but hard to read.)
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static JsonNode toJson(Object datum) {
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
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
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
            return NODES.numberNode(((Number) datum).doubleValue());
        }
        if (datum instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (datum instanceof ByteBuffer buffer) {
            return NODES.textNode(HexFormat.of().formatHex(bytes(buffer)));
        }
        if (datum instanceof GenericFixed fixed) {
            return NODES.textNode(HexFormat.of().formatHex(fixed.bytes()));
        }
        if (datum instanceof GenericEnumSymbol<?> || datum instanceof GenericContainer) {
            return NODES.textNode(datum.toString());
        }
        // Strings (Utf8 too) and logical types such as LocalDate and Instant, in their ISO form.
        return NODES.textNode(datum.toString());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
