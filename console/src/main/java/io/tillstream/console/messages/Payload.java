package io.tillstream.console.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillstream.serde.RecordJson;
import io.tillstream.serde.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A record's key or value as the browser shows it. {@code format} is how it was read: {@code avro},
 * {@code json_schema} or {@code protobuf} (Confluent wire format, decoded through the registry by
 * the serde's {@link RecordJson}; {@code schemaId} set), {@code json} (plain JSON), {@code text}
 * (UTF-8), {@code binary} (content is hex) or {@code null}. {@code error} says why bytes in the wire
 * format could not be decoded; {@code hex} holds the raw bytes when asked for.
 */
public record Payload(String format, Integer schemaId, JsonNode content, String error, String hex, int size) {

    /** {@code data} is the record's key or value, whichever {@code reader} reads. */
    public static Payload decode(byte[] data, ConsumerRecord<byte[], byte[]> record, RecordJson reader, boolean withHex) {
        if (data == null) {
            return new Payload("null", null, null, null, null, 0);
        }
        String hex = withHex ? HexFormat.of().formatHex(data) : null;
        // Plain text such as an invoice number goes straight to text: asking the reader would only fail, and a search
        // pays that on every record.
        if (data.length > 0 && (data[0] == WireFormat.MAGIC_BYTE || mayStartJson(data))) {
            try {
                RecordJson.Json json = reader.read(record);
                return new Payload(json.format().name().toLowerCase(Locale.ROOT), json.schemaId(), json.tree(), null, hex,
                    data.length);
            } catch (SerializationException e) {
                if (WireFormat.hasHeader(data)) {
                    return new Payload("binary", WireFormat.schemaId(data),
                        JsonNodeFactory.instance.textNode(HexFormat.of().formatHex(data)), e.getMessage(), hex, data.length);
                }
            }
        }
        // Neither framed nor JSON: text that is no JSON, or bytes no reader knows.
        String text = utf8(data);
        return text != null
            ? new Payload("text", null, JsonNodeFactory.instance.textNode(text), null, hex, data.length)
            : new Payload("binary", null, JsonNodeFactory.instance.textNode(HexFormat.of().formatHex(data)), null, hex,
                data.length);
    }

    /** Whether the first byte that is no whitespace can start a JSON text. */
    private static boolean mayStartJson(byte[] data) {
        for (byte b : data) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{' || b == '[' || b == '"' || b == '-' || b >= '0' && b <= '9' || b == 't' || b == 'f'
                    || b == 'n';
            }
        }
        return false;
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
