package io.tillstream.registry.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A schema apart from where it is registered: equal contents get one ID. As in Confluent's registry,
 * the data contract (metadata and rule set) is part of it, so the same text with other rules is
 * another schema.
 */
public record SchemaContent(String schemaType, String schema, List<SchemaReference> references,
                            ObjectNode metadata, ObjectNode ruleSet) {

    public SchemaContent {
        references = references == null ? List.of() : List.copyOf(references);
        metadata = nullIfEmpty(metadata);
        ruleSet = nullIfEmpty(ruleSet);
    }

    /** Confluent writes and compares an empty metadata or rule set as none. */
    static ObjectNode nullIfEmpty(ObjectNode node) {
        return node == null || node.isEmpty() ? null : node;
    }
}
