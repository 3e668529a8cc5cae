package io.tillstream.registry.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A subject's (or the global) configuration as Confluent's 7.x registry keeps it: the compatibility
 * level and the settings that came with data contracts. Held as the fields themselves, in
 * Confluent's order, so what a client sets is stored and returned as it was sent.
 */
public record SubjectConfig(ObjectNode fields) {

    public static final String COMPATIBILITY_LEVEL = "compatibilityLevel";
    public static final String NORMALIZE = "normalize";
    public static final String COMPATIBILITY_GROUP = "compatibilityGroup";
    public static final String DEFAULT_METADATA = "defaultMetadata";
    public static final String OVERRIDE_METADATA = "overrideMetadata";
    public static final String DEFAULT_RULE_SET = "defaultRuleSet";
    public static final String OVERRIDE_RULE_SET = "overrideRuleSet";

    /** Every field, in the order Confluent writes them; the boolean ones are checked as such. */
    private static final List<String> FIELDS = List.of("alias", NORMALIZE, "validateFields", "validateRules",
        COMPATIBILITY_LEVEL, COMPATIBILITY_GROUP, DEFAULT_METADATA, OVERRIDE_METADATA, DEFAULT_RULE_SET, OVERRIDE_RULE_SET);
    private static final List<String> BOOLEANS = List.of(NORMALIZE, "validateFields", "validateRules");
    private static final List<String> OBJECTS = List.of(DEFAULT_METADATA, OVERRIDE_METADATA, DEFAULT_RULE_SET,
        OVERRIDE_RULE_SET);
    /** What clients send for the level ({@code compatibility}), against what the store holds. */
    private static final Map<String, String> REQUEST_NAMES = Map.of("compatibility", COMPATIBILITY_LEVEL);

    public SubjectConfig {
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        for (String field : FIELDS) {
            JsonNode value = fields.get(field);
            if (value != null && !value.isNull()) {
                ordered.set(field, value);
            }
        }
        fields = ordered;
    }

    public static SubjectConfig of(CompatibilityLevel level) {
        return new SubjectConfig(JsonNodeFactory.instance.objectNode().put(COMPATIBILITY_LEVEL, level.name()));
    }

    public Optional<CompatibilityLevel> compatibilityLevel() {
        JsonNode level = fields.get(COMPATIBILITY_LEVEL);
        return level == null ? Optional.empty() : Optional.of(CompatibilityLevel.parse(level.asText()));
    }

    public boolean normalize() {
        return fields.path(NORMALIZE).asBoolean(false);
    }

    public Optional<String> compatibilityGroup() {
        JsonNode group = fields.get(COMPATIBILITY_GROUP);
        return group == null ? Optional.empty() : Optional.of(group.asText());
    }

    /** One of the data-contract fields ({@link #DEFAULT_METADATA}, ...), or null. */
    public ObjectNode contract(String field) {
        JsonNode value = fields.get(field);
        return value instanceof ObjectNode object ? object : null;
    }

    /**
     * This configuration with a client's update applied as Confluent applies it: a field the update
     * names replaces this one's, an explicit null clears it, a field it leaves out stays.
     *
     * @throws RegistryException {@code 42203} for an unknown level, 400 for a wrongly typed field
     */
    public SubjectConfig updatedWith(ObjectNode update) {
        ObjectNode merged = fields.deepCopy();
        update.fields().forEachRemaining(entry -> {
            String field = REQUEST_NAMES.getOrDefault(entry.getKey(), entry.getKey());
            JsonNode value = entry.getValue();
            if (!FIELDS.contains(field)) {
                return;
            }
            if (value == null || value.isNull()) {
                merged.remove(field);
                return;
            }
            if (field.equals(COMPATIBILITY_LEVEL)) {
                value = JsonNodeFactory.instance.textNode(CompatibilityLevel.parse(value.asText()).name());
            } else if (BOOLEANS.contains(field) && !value.isBoolean()
                || OBJECTS.contains(field) && !value.isObject()) {
                throw new RegistryException(ErrorCode.BAD_REQUEST, "Config field " + entry.getKey() + " must be "
                    + (OBJECTS.contains(field) ? "an object" : "true or false") + ", not " + value);
            }
            merged.set(field, value);
        });
        return new SubjectConfig(merged);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
