package io.tillstream.console.schemas;

import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.SchemaReference;

import java.util.List;

/** One version of a subject with its schema laid out for reading ({@link SchemaText}). */
record SchemaVersion(String subject, int version, int id, String type, String schema, List<SchemaReference> references) {

    static SchemaVersion of(RegisteredSchema registered) {
        return new SchemaVersion(registered.subject(), registered.version(), registered.id(),
            registered.definition().schemaType(), SchemaText.pretty(registered.definition().schema()),
            registered.definition().references());
    }
}
