package io.tillstream.registry.schema.protobuf;

/**
 * The kinds of change Confluent's Protobuf compatibility check tells apart, under its names (its
 * {@code Difference.Type}), and whether a reader on one side of the change still reads data written
 * on the other. Incompatible ones carry Confluent's wording: {@code %1$s} is the path, {@code %2$s}
 * the reading schema ("new" or "old"), {@code %3$s} the writing one.
 */
enum Rule {
    PACKAGE_CHANGED("The package at '%1$s' in the %2$s schema does not match the package in the %3$s schema"),
    MESSAGE_ADDED,
    MESSAGE_REMOVED("The %2$s schema is missing a MESSAGE type at path '%1$s' in the %3$s schema"),
    /** Records carry a message's index in its own schema version, so order does not matter. */
    MESSAGE_MOVED,
    ENUM_ADDED,
    ENUM_REMOVED,
    ENUM_CONST_ADDED,
    ENUM_CONST_CHANGED,
    ENUM_CONST_REMOVED,
    FIELD_ADDED,
    FIELD_REMOVED,
    FIELD_NAME_CHANGED,
    FIELD_KIND_CHANGED("The type of a field at path '%1$s' in the %2$s schema does not match the %3$s schema"),
    FIELD_SCALAR_KIND_CHANGED("The kind of a SCALAR field at path '%1$s' in the %2$s schema does not match its kind"
        + " in the %3$s schema"),
    FIELD_NAMED_TYPE_CHANGED("The type of a MESSAGE field at path '%1$s' in the %2$s schema does not match its type"
        + " in the %3$s schema"),
    FIELD_NUMERIC_LABEL_CHANGED("The label for a NUMERIC field at path '%1$s' in the %2$s schema does not match its"
        + " label in the %3$s schema"),
    FIELD_STRING_OR_BYTES_LABEL_CHANGED,
    // Confluent's wording, double space included, so that tools matching it keep working.
    REQUIRED_FIELD_ADDED("A required field  at path '%1$s' in the %2$s schema is missing in the %3$s schema"),
    REQUIRED_FIELD_REMOVED("The %2$s schema is missing a required field at path: '%1$s' in the %3$s schema"),
    ONEOF_ADDED,
    ONEOF_REMOVED,
    ONEOF_FIELD_ADDED,
    ONEOF_FIELD_REMOVED("The %2$s schema is missing a oneof field at path '%1$s' in the %3$s schema"),
    ONEOF_FIELD_MOVED_TO_TOP_LEVEL,
    MULTIPLE_FIELDS_MOVED_TO_ONEOF("Multiple fields in the oneof at path '%1$s' in the %2$s schema are outside a oneof"
        + " in the %3$s schema"),
    FIELD_MOVED_TO_EXISTING_ONEOF("A field in the oneof at path '%1$s' in the %2$s schema is outside an existing oneof"
        + " in the %3$s schema");

    private final String description;

    /** A compatible change. */
    Rule() {
        this(null);
    }

    Rule(String description) {
        this.description = description;
    }

    boolean compatible() {
        return description == null;
    }

    String describe(String path, String reader, String writer) {
        return String.format(description, path, reader, writer);
    }
}
