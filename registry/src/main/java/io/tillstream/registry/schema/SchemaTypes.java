package io.tillstream.registry.schema;

import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.schema.json.JsonSchema;
import io.tillstream.registry.schema.protobuf.ProtobufSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The schema types the registry takes, each with its parser; the one place a type name is looked up. */
public final class SchemaTypes {

    /** What parses a schema of one type. */
    @FunctionalInterface
    interface Parser {
        /** @throws RegistryException with {@code INVALID_SCHEMA} if the text is not a valid schema of the type */
        ParsedSchema parse(String text, List<Dependency> dependencies);
    }

    private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put(RegisteredSchema.AVRO, AvroSchema::parse);
        PARSERS.put(JsonSchema.TYPE, JsonSchema::parse);
        PARSERS.put(ProtobufSchema.TYPE, ProtobufSchema::parse);
    }

    private SchemaTypes() {
    }

    /** The type names, as {@code /schemas/types} lists them. */
    public static List<String> names() {
        return List.copyOf(PARSERS.keySet());
    }

    /** The type's name as stored: upper case, AVRO when none is given. */
    public static String canonicalName(String type) {
        return type == null ? RegisteredSchema.AVRO : type.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * Parses {@code text} as a schema of {@code type} (AVRO when null).
     *
     * @throws RegistryException with {@code INVALID_SCHEMA} for an unknown type or an invalid schema
     */
    public static ParsedSchema parse(String type, String text, List<Dependency> dependencies) {
        Parser parser = PARSERS.get(canonicalName(type));
        if (parser == null) {
            throw RegistryException.invalidSchema("Invalid schema type " + type + "; this registry takes " + names());
        }
        return parser.parse(text, dependencies);
    }
}
