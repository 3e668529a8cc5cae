package io.tillstream.registry.model;

/** A named type that a schema takes from a version of another subject. */
public record SchemaReference(String name, String subject, int version) {
}
