package io.tillstream.registry.schema;

/**
 * A schema that the one being parsed references, directly or through another reference:
 * {@code name} is the reference's name (an Avro full name, a {@code .proto} import path, a JSON
 * Schema {@code $ref} URL) and {@code schema} the registered text. Given in dependency order: what a
 * schema needs comes before it.
 */
public record Dependency(String name, String schema) {
}
