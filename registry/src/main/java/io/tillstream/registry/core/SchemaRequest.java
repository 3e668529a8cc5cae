package io.tillstream.registry.core;

import io.tillstream.registry.model.SchemaReference;

import java.util.List;

/**
 * A schema as a client sends it to register, look up or check. {@code id} and {@code version} are
 * only honoured in IMPORT mode; null means "assign one".
 */
public record SchemaRequest(String schema, String schemaType, List<SchemaReference> references, Integer id, Integer version) {

    public SchemaRequest {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
