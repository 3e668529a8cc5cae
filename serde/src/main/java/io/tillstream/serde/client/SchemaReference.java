package io.tillstream.serde.client;

import java.util.Objects;

/**
 * A named type that a schema takes from another subject: {@code name} is the type's full name as
 * the referring schema uses it, found in {@code subject} at {@code version}.
 */
public record SchemaReference(String name, String subject, int version) {

    public SchemaReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
    }
}
