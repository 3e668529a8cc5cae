package io.tillstream.registry.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.RegistryJson;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Orders what Avro's own writer leaves in input order: custom properties (sorted by name, after
 * Avro's attributes) and aliases (sorted), so that two schemas meaning the same get the same text.
 */
final class Normalizer {

    private static final ObjectMapper MAPPER = RegistryJson.mapper();
    private static final Set<String> AVRO_ATTRIBUTES = Set.of("type", "name", "namespace", "doc", "fields", "symbols",
        "items", "values", "size", "default", "order", "aliases", "logicalType", "precision", "scale");

    private Normalizer() {
    }

    static String normalize(String canonical) {
        try {
            return MAPPER.writeValueAsString(sort(MAPPER.readTree(canonical)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sort(JsonNode node) {
        if (node.isArray()) {
            ArrayNode sorted = MAPPER.createArrayNode();
            node.forEach(element -> sorted.add(sort(element)));
            return sorted;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode sorted = MAPPER.createObjectNode();
        Map<String, JsonNode> custom = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!AVRO_ATTRIBUTES.contains(field.getKey())) {
                custom.put(field.getKey(), field.getValue());
            } else if (field.getKey().equals("aliases")) {
                List<String> aliases = new ArrayList<>();
                field.getValue().forEach(alias -> aliases.add(alias.asText()));
                ArrayNode array = sorted.putArray("aliases");
                aliases.stream().sorted().forEach(array::add);
            } else if (field.getKey().equals("default")) {
                // A default is data, not schema: its own key order is part of the value.
                sorted.set("default", field.getValue());
            } else {
                sorted.set(field.getKey(), sort(field.getValue()));
            }
        }
        custom.forEach(sorted::set);
        return sorted;
    }
}
