package io.tillstream.serde.client;

import java.util.List;
import java.util.Objects;

/**
 * A schema as the registry stores it: its text, its type ({@value #AVRO} unless the registry said
 * otherwise) and the references it takes named types from.
 */
public record SchemaDefinition(String schema, String schemaType, List<SchemaReference> references) {

    public static final String AVRO = "AVRO";
    public static final String PROTOBUF = "PROTOBUF";
    public static final String JSON = "JSON";

    public SchemaDefinition {
        Objects.requireNonNull(schema, "schema");
        schemaType = schemaType == null ? AVRO : schemaType;
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** An Avro schema without references. */
    public static SchemaDefinition avro(String schema) {
        return new SchemaDefinition(schema, AVRO, List.of());
    }
}
