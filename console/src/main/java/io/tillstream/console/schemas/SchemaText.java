package io.tillstream.console.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tillstream.console.ConsoleJson;

import java.util.Iterator;
import java.util.Map;

/**
 * Schema JSON laid out for reading and for line diffs: a list of objects (a record's fields, a
 * union of records) and whatever holds one gets a line per member, as does anything longer than
 * {@value #WIDTH} columns; the rest stays on one line. So an Avro field is usually one line, and
 * adding a field adds a line rather than a scattered handful.
 */
final class SchemaText {

    static final int WIDTH = 100;

    private static final ObjectMapper JSON = ConsoleJson.mapper();

    private SchemaText() {
    }

    /** {@code schema} laid out, or as it is when it is not JSON (a Protobuf schema, say). */
    static String pretty(String schema) {
        JsonNode node;
        try {
            node = JSON.readTree(schema);
        } catch (JsonProcessingException e) {
            return schema;
        }
        if (node == null || node.isMissingNode()) {
            return schema;
        }
        StringBuilder out = new StringBuilder();
        write(node, 0, 0, out);
        return out.toString();
    }

    /** Writes {@code node} starting at {@code column}, its members indented from {@code indent}. */
    private static void write(JsonNode node, int indent, int column, StringBuilder out) {
        String inline = inline(node);
        if (!node.isContainerNode() || node.isEmpty() || !holdsObjectList(node) && column + inline.length() <= WIDTH) {
            out.append(inline);
            return;
        }
        String inner = " ".repeat(indent + 2);
        out.append(node.isObject() ? '{' : '[');
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = TextNode.valueOf(field.getKey()) + ": ";
                out.append('\n').append(inner).append(key);
                write(field.getValue(), indent + 2, inner.length() + key.length(), out);
                out.append(fields.hasNext() ? "," : "");
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                out.append('\n').append(inner);
                write(node.get(i), indent + 2, inner.length(), out);
                out.append(i < node.size() - 1 ? "," : "");
            }
        }
        out.append('\n').append(" ".repeat(indent)).append(node.isObject() ? '}' : ']');
    }

    private static boolean holdsObjectList(JsonNode node) {
        for (JsonNode child : node) {
            if (node.isArray() && child.isObject() || holdsObjectList(child)) {
                return true;
            }
        }
        return false;
    }

    private static String inline(JsonNode node) {
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            node.fields().forEachRemaining(field -> out.append(out.length() > 1 ? ", " : "")
                .append(TextNode.valueOf(field.getKey())).append(": ").append(inline(field.getValue())));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(out.length() > 1 ? ", " : "").append(inline(element)));
            return out.append(']').toString();
        }
        return node.toString(); // a scalar as JSON, strings quoted and escaped
    }
}
