package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded records as CSV (RFC 4180: fields with a comma, a quote or a line break are quoted, quotes
 * doubled, lines end with CRLF), one row per record after a header row.
 *
 * <p>The columns: {@code partition}, {@code offset}, {@code timestamp} (milliseconds since the
 * epoch), {@code key} (its text), {@code headers} (a JSON object, see {@link #headersJson}), then the
 * value's. They are chosen from the first record, so a file has one header whatever follows: when
 * its value is a JSON object (a sale, any record), one column per field, nested objects flattened
 * with dotted names ({@code address.city}), lists and empty objects as JSON text; when it is not
 * (text, a number, null), one column {@code value}. With field columns a last column,
 * {@code value_other}, holds as a JSON object whatever a later record's value has that the columns
 * lack (a field added by a newer schema version, a value that is no object), so no data is dropped.
 * Numbers keep their exact decimals (1500.40); a missing or null field is an empty cell.
 *
 * <p>Not thread-safe; write to a buffered {@code out}.
 */
public final class CsvRows {

    /** One record: its key as text (null for none), its headers, its decoded value (null for a tombstone). */
    public record Row(int partition, long offset, long timestamp, String key, Headers headers, JsonNode value) {
    }

    public static final List<String> RECORD_COLUMNS = List.of("partition", "offset", "timestamp", "key", "headers");
    public static final String VALUE_COLUMN = "value";
    public static final String OTHER_COLUMN = "value_other";

    private static final String CRLF = "\r\n";

    private final Appendable out;
    /** The value's columns once the first row chose them; null before. */
    private List<String> valueColumns;
    private boolean fields;

    public CsvRows(Appendable out) {
        this.out = out;
    }

    public void write(Row row) throws IOException {
        if (valueColumns == null) {
            fields = row.value() != null && row.value().isObject();
            valueColumns = fields ? new ArrayList<>(flatten(row.value()).keySet()) : List.of(VALUE_COLUMN);
            header();
        }
        out.append(Long.toString(row.partition())).append(',').append(Long.toString(row.offset())).append(',')
            .append(Long.toString(row.timestamp())).append(',');
        cell(row.key());
        out.append(',');
        cell(headersJson(row.headers()).toString());
        if (fields) {
            fieldCells(row.value());
        } else {
            out.append(',');
            cell(text(row.value()));
        }
        out.append(CRLF);
    }

    /** Writes the header row if no record came, so even an empty selection is a valid file. */
    public void finish() throws IOException {
        if (valueColumns == null) {
            valueColumns = List.of(VALUE_COLUMN);
            header();
        }
    }

    /**
     * A record's headers as a JSON object of their UTF-8 text values (null for a null value); a key that repeats maps
     * to the list of its values in order, so none is lost.
     */
    public static ObjectNode headersJson(Headers headers) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (headers == null) {
            return json;
        }
        for (Header header : headers) {
            JsonNode value = header.value() == null ? JsonNodeFactory.instance.nullNode()
                : JsonNodeFactory.instance.textNode(new String(header.value(), StandardCharsets.UTF_8));
            JsonNode earlier = json.get(header.key());
            if (earlier == null) {
                json.set(header.key(), value);
            } else if (earlier instanceof ArrayNode repeated) {
                repeated.add(value);
            } else {
                json.set(header.key(), JsonNodeFactory.instance.arrayNode().add(earlier).add(value));
            }
        }
        return json;
    }

    private void header() throws IOException {
        List<String> columns = new ArrayList<>(RECORD_COLUMNS);
        columns.addAll(valueColumns);
        if (fields) {
            columns.add(OTHER_COLUMN);
        }
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            cell(columns.get(i));
        }
        out.append(CRLF);
    }

    private void fieldCells(JsonNode value) throws IOException {
        Map<String, JsonNode> leaves = value != null && value.isObject() ? flatten(value) : new LinkedHashMap<>();
        for (String column : valueColumns) {
            out.append(',');
            cell(text(leaves.remove(column)));
        }
        out.append(',');
        if (value != null && !value.isObject()) {
            cell(JsonNodeFactory.instance.objectNode().set(VALUE_COLUMN, value).toString());
        } else if (!leaves.isEmpty()) {
            ObjectNode other = JsonNodeFactory.instance.objectNode();
            leaves.forEach(other::set);
            cell(other.toString());
        }
    }

    /** The object's leaves by dotted path, in field order. */
    private static Map<String, JsonNode> flatten(JsonNode object) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", object, leaves);
        return leaves;
    }

    private static void flatten(String prefix, JsonNode object, Map<String, JsonNode> leaves) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = prefix + field.getKey();
            if (field.getValue().isObject() && !field.getValue().isEmpty()) {
                flatten(name + ".", field.getValue(), leaves);
            } else {
                leaves.put(name, field.getValue());
            }
        }
    }

    /** A cell's text: strings as they are, numbers with their exact digits, lists and objects as JSON; null empty. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private void cell(String text) throws IOException {
        if (text == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
