package io.tillstream.console.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillstream.serde.KafkaAvroDeserializer;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.AvroJson;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A record's key or value as the browser shows it. {@code format} is how it was read: {@code avro}
 * (Confluent wire format, decoded through the registry; {@code schemaId} set), {@code json},
 * {@code text} (UTF-8), {@code binary} (content is hex) or {@code null}. {@code error} says why
 * bytes that look like Avro could not be decoded; {@code hex} holds the raw bytes when asked for.
 */
public record Payload(String format, Integer schemaId, JsonNode content, String error, String hex, int size) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Payload decode(String topic, byte[] data, KafkaAvroDeserializer avro, boolean withHex) {
        if (data == null) {
            return new Payload("null", null, null, null, null, 0);
        }
        String hex = withHex ? HexFormat.of().formatHex(data) : null;
        if (WireFormat.hasHeader(data)) {
            int id = WireFormat.schemaId(data);
            try {
                return new Payload("avro", id, AvroJson.toJson(avro.deserialize(topic, data)), null, hex, data.length);
            } catch (RuntimeException e) {
                return new Payload("binary", id, JsonNodeFactory.instance.textNode(HexFormat.of().formatHex(data)),
                    "Not decodable with schema " + id + ": " + rootMessage(e), hex, data.length);
            }
        }
        String text = utf8(data);
        if (text == null) {
            return new Payload("binary", null, JsonNodeFactory.instance.textNode(HexFormat.of().formatHex(data)),
                null, hex, data.length);
        }
        JsonNode json = parseJson(text);
        return json != null
            ? new Payload("json", null, json, null, hex, data.length)
            : new Payload("text", null, JsonNodeFactory.instance.textNode(text), null, hex, data.length);
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Objects and arrays only: a bare number or word is better shown as the text it is. */
    private static JsonNode parseJson(String text) {
        String trimmed = text.trim();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (Exception e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
