package io.tillstream.console.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.ErrorCode;
import io.tillstream.serde.client.CompatibilityLevel;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The Schema Registry page's requests, each checked here before the registry sees it. */
final class SchemaRequests {

    private static final String LEVELS = String.join(", ",
        Arrays.stream(CompatibilityLevel.values()).map(Enum::name).toList());

    private SchemaRequests() {
    }

    /** The schema types the registry takes. */
    private static final List<String> TYPES = List.of(SchemaDefinition.AVRO, SchemaDefinition.JSON, SchemaDefinition.PROTOBUF);

    /**
     * A schema proposed for a subject: its text, its type ({@code AVRO} when none is given) and the
     * references it takes types from (a {@code .proto} import, a JSON Schema {@code $ref}).
     */
    record Proposal(String schema, String schemaType, List<SchemaReference> references) {
        /**
         * The schema as the registry takes it. An Avro schema is parsed here first, for a message in
         * the page's words; the registry judges the other types, and says where a text is wrong.
         */
        SchemaDefinition validate() {
            String type = schemaType == null || schemaType.isBlank() ? SchemaDefinition.AVRO
                : schemaType.trim().toUpperCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                throw ConsoleException.badRequest("schemaType is one of " + String.join(", ", TYPES) + ", not '" + schemaType + "'.");
            }
            if (schema == null || schema.isBlank()) {
                throw ConsoleException.badRequest("schema is empty: give the " + type + " schema's text.");
            }
            SchemaDefinition definition = new SchemaDefinition(schema, type, references);
            if (!type.equals(SchemaDefinition.AVRO)) {
                return definition;
            }
            try {
                new Schema.Parser().parse(schema);
            } catch (AvroRuntimeException e) { // SchemaParseException, and AvroTypeException for a bad default
                throw new ConsoleException(ErrorCode.INVALID_SCHEMA, e.getCause() instanceof JsonProcessingException json
                    ? "The schema is not valid JSON: " + json.getOriginalMessage() + " (line "
                        + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")."
                    : "The schema is not valid Avro: " + e.getMessage());
            }
            return definition;
        }
    }

    /** A subject's new compatibility level, one of Confluent's seven. */
    record Compatibility(String compatibility) {
        CompatibilityLevel level() {
            if (compatibility == null || compatibility.isBlank()) {
                throw ConsoleException.badRequest("compatibility is missing: one of " + LEVELS + ".");
            }
            try {
                return CompatibilityLevel.valueOf(compatibility.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ConsoleException.badRequest("compatibility is one of " + LEVELS + ", not '" + compatibility + "'.");
            }
        }
    }

    static String requireSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
            throw ConsoleException.badRequest("A subject name is text without control characters, not '" + subject + "'.");
        }
        return subject;
    }

    /** A version number from 1, or {@code latest}. */
    static int requireVersion(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ConsoleException.badRequest(name + " is missing: a version number, or latest.");
        }
        if (value.trim().equalsIgnoreCase("latest")) {
            return SchemaRegistryClient.LATEST_VERSION;
        }
        try {
            int version = Integer.parseInt(value.trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // Answered below, as a number out of range is.
        }
        throw ConsoleException.badRequest(name + " is a version number from 1, or latest, not '" + value + "'.");
    }
}
