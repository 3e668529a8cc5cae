package io.tillstream.registry.schema.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.RegistryJson;
import io.tillstream.registry.model.RegistryException;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema text to a tree and back. Numbers are read as Confluent's registry reads them
 * ({@link RegistryJson#exactDecimals()}) and written compactly in the order they came, so that the
 * text we store is byte for byte the text Confluent stores for the same input.
 */
final class JsonText {

    private static final ObjectMapper MAPPER = RegistryJson.exactDecimals();

    private JsonText() {
    }

    /** @throws RegistryException with {@code INVALID_SCHEMA}, naming the line and column, if {@code text} is not JSON */
    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw RegistryException.invalidSchema("Invalid JSON schema: " + oneLine(e.getOriginalMessage()) + where);
        }
    }

    /** Compact, keys in the order written: what Confluent's {@code JsonSchema.canonicalString()} gives. */
    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact with every object's keys sorted, at any depth: Confluent's normalized JSON schema. */
    static String sorted(JsonNode node) {
        return compact(sortKeys(node));
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = MAPPER.createObjectNode();
            names.forEach(name -> sorted.set(name, sortKeys(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode sorted = MAPPER.createArrayNode();
            node.forEach(element -> sorted.add(sortKeys(element)));
            return sorted;
        }
        return node;
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
