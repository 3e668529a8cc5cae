package io.tillstream.registry.model;

import java.util.List;

/** A schema apart from where it is registered: equal contents get one ID. */
public record SchemaContent(String schemaType, String schema, List<SchemaReference> references) {
}
