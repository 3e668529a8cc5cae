package io.tillstream.registry.schema.protobuf;

/**
 * Scalar types grouped by wire encoding, as protobuf's guide to updating messages does: within a
 * group a reader decodes what a writer wrote (int32 read as int64, string as bytes), across groups it
 * does not. Enums are encoded as int32, so they join the varint group.
 */
enum ScalarKind {
    VARINT(true),
    ZIGZAG_VARINT(true),
    STRING_OR_BYTES(false),
    FIXED32(true),
    FIXED64(true),
    FLOAT(true),
    DOUBLE(true);

    private final boolean numeric;

    ScalarKind(boolean numeric) {
        this.numeric = numeric;
    }

    boolean numeric() {
        return numeric;
    }

    /** The group of a scalar type name such as {@code sint64}. */
    static ScalarKind of(String scalar) {
        return switch (scalar) {
            case "int32", "int64", "uint32", "uint64", "bool" -> VARINT;
            case "sint32", "sint64" -> ZIGZAG_VARINT;
            case "string", "bytes" -> STRING_OR_BYTES;
            case "fixed32", "sfixed32" -> FIXED32;
            case "fixed64", "sfixed64" -> FIXED64;
            case "float" -> FLOAT;
            case "double" -> DOUBLE;
            default -> throw new IllegalArgumentException("not a scalar type: " + scalar);
        };
    }
}
