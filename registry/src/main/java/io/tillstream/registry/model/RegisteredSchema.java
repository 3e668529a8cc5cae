package io.tillstream.registry.model;

import java.util.List;

/**
 * One version of a subject as the {@code _schemas} log holds it: the schema text in its canonical
 * form, the ID shared by every subject that registered the same text, and the soft-delete mark.
 */
public record RegisteredSchema(String subject, int version, int id, String schemaType,
                               List<SchemaReference> references, String schema, boolean deleted) {

    public static final String AVRO = "AVRO";

    public RegisteredSchema {
        schemaType = schemaType == null ? AVRO : schemaType;
        references = references == null ? List.of() : List.copyOf(references);
    }

    public RegisteredSchema withDeleted(boolean deleted) {
        return new RegisteredSchema(subject, version, id, schemaType, references, schema, deleted);
    }

    /** What two registrations must share to get the same ID. */
    public SchemaContent content() {
        return new SchemaContent(schemaType, schema, references);
    }
}
