package io.tillstream.registry.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One version of a subject as the {@code _schemas} log holds it: the schema text in its canonical
 * form, the ID shared by every subject that registered the same schema, the data contract
 * ({@code metadata} and {@code ruleSet}, null when absent) and the soft-delete mark.
 */
public record RegisteredSchema(String subject, int version, int id, String schemaType,
                               List<SchemaReference> references, ObjectNode metadata, ObjectNode ruleSet,
                               String schema, boolean deleted) {

    public static final String AVRO = "AVRO";

    public RegisteredSchema {
        schemaType = schemaType == null ? AVRO : schemaType;
        references = references == null ? List.of() : List.copyOf(references);
        metadata = SchemaContent.nullIfEmpty(metadata);
        ruleSet = SchemaContent.nullIfEmpty(ruleSet);
    }

    public RegisteredSchema(String subject, int version, int id, SchemaContent content, boolean deleted) {
        this(subject, version, id, content.schemaType(), content.references(), content.metadata(), content.ruleSet(),
            content.schema(), deleted);
    }

    public RegisteredSchema withDeleted(boolean deleted) {
        return new RegisteredSchema(subject, version, id, content(), deleted);
    }

    /** What two registrations must share to get the same ID. */
    public SchemaContent content() {
        return new SchemaContent(schemaType, schema, references, metadata, ruleSet);
    }
}
