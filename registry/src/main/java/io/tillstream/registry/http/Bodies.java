package io.tillstream.registry.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tillstream.registry.core.SchemaRequest;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.SchemaContent;
import io.tillstream.registry.model.SchemaReference;

import java.util.List;

/** The JSON bodies of Confluent's v1 API, field for field and in its order. */
final class Bodies {

    private Bodies() {
    }

    record SchemaBody(String schema, String schemaType, List<SchemaReference> references, Integer id, Integer version) {
        SchemaRequest toRequest() {
            return new SchemaRequest(schema, schemaType, references, id, version);
        }
    }

    record ConfigBody(String compatibility, String compatibilityLevel) {
        /** Confluent's clients send {@code compatibility}; its own store uses {@code compatibilityLevel}. */
        String level() {
            return compatibility != null ? compatibility : compatibilityLevel;
        }
    }

    record ModeBody(String mode) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"subject", "version", "id", "schemaType", "references", "schema"})
    record Schema(String subject, Integer version, Integer id, String schemaType, List<SchemaReference> references,
                  String schema) {

        static Schema of(RegisteredSchema s) {
            return new Schema(s.subject(), s.version(), s.id(), typeUnlessAvro(s.schemaType()), s.references(), s.schema());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"schemaType", "schema", "references"})
    record SchemaString(String schemaType, String schema, List<SchemaReference> references) {

        static SchemaString of(SchemaContent c) {
            return new SchemaString(typeUnlessAvro(c.schemaType()), c.schema(), c.references());
        }
    }

    /** Confluent leaves the type out for Avro, the default, and clients expect that. */
    private static String typeUnlessAvro(String schemaType) {
        return RegisteredSchema.AVRO.equals(schemaType) ? null : schemaType;
    }

    record Id(int id) {
    }

    record SubjectVersion(String subject, int version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Compatibility(@JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {
    }

    record Config(String compatibilityLevel) {
    }

    record ConfigUpdate(String compatibility) {
    }

    record Mode(String mode) {
    }

    record Error(@JsonProperty("error_code") int errorCode, String message) {
    }
}
