package io.tillstream.registry.schema;

import java.util.List;
import java.util.Optional;

/**
 * A schema of one of the registry's types, parsed together with what it references, in the forms
 * the registry stores and compares. Implementations: {@link AvroSchema},
 * {@link io.tillstream.registry.schema.json.JsonSchema} and {@link io.tillstream.registry.schema.protobuf.ProtobufSchema}.
 */
public interface ParsedSchema {

    /** The type's name as Confluent's API spells it: {@code AVRO}, {@code JSON}, {@code PROTOBUF}. */
    String schemaType();

    /**
     * The text the registry stores and gives an ID to: two texts meaning the same schema up to
     * whitespace and the order of unordered parts give the same canonical text.
     */
    String canonical();

    /** The text stored for {@code normalize=true}: {@link #canonical()} with more of the meaningless variation removed. */
    String normalized();

    /**
     * The schema in {@code format} (the {@code format} query parameter); empty for the text as
     * stored, which is the answer to a format the type does not have, as Confluent's registry ignores it.
     */
    default Optional<String> formatted(String format) {
        return Optional.empty();
    }

    /** Whether this and {@code other} (of any type) are the same schema, for finding a registered version. */
    default boolean sameAs(ParsedSchema other) {
        return schemaType().equals(other.schemaType()) && canonical().equals(other.canonical());
    }

    /**
     * Why this schema and {@code previous}, an earlier version of the same subject and type, are
     * incompatible in {@code direction}; empty when they are compatible. Each message is worded as
     * Confluent's verbose compatibility answers word it, with its rule (error type) name.
     */
    List<String> incompatibilities(ParsedSchema previous, Direction direction);

    /** Which side reads data written by the other. */
    enum Direction {
        /** The new schema reads data written with the previous one. */
        BACKWARD,
        /** The previous schema reads data written with the new one. */
        FORWARD
    }
}
