package io.tillstream.registry.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.model.SchemaReference;

import java.util.List;

/**
 * A schema as a client sends it to register, look up or check, with its data contract
 * ({@code metadata}, {@code ruleSet}; null when not given). {@code id} and {@code version} are
 * only honoured in IMPORT mode; null means "assign one".
 */
public record SchemaRequest(String schema, String schemaType, List<SchemaReference> references,
                            ObjectNode metadata, ObjectNode ruleSet, Integer id, Integer version) {

    public SchemaRequest {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
