package io.tillstream.serde.client;

import java.util.Objects;

/** One version of a subject: the schema registered under {@code subject} as {@code version}, with its global {@code id}. */
public record RegisteredSchema(String subject, int version, int id, SchemaDefinition definition) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(definition, "definition");
    }
}
