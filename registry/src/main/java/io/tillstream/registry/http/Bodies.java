package io.tillstream.registry.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.core.SchemaRequest;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.SchemaContent;
import io.tillstream.registry.model.SchemaReference;

import java.util.List;

/** The JSON bodies of Confluent's v1 API, field for field and in its order. */
final class Bodies {

    private Bodies() {
    }

    record SchemaBody(String schema, String schemaType, List<SchemaReference> references, ObjectNode metadata,
                      ObjectNode ruleSet, Integer id, Integer version) {
        SchemaRequest toRequest() {
            return new SchemaRequest(schema, schemaType, references, metadata, ruleSet, id, version);
        }
    }

    record ModeBody(String mode) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"subject", "version", "id", "schemaType", "references", "metadata", "ruleSet", "schema"})
    record Schema(String subject, Integer version, Integer id, String schemaType, List<SchemaReference> references,
                  ObjectNode metadata, ObjectNode ruleSet, String schema) {

        static Schema of(RegisteredSchema s) {
            return new Schema(s.subject(), s.version(), s.id(), typeUnlessAvro(s.schemaType()), s.references(),
                s.metadata(), s.ruleSet(), s.schema());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"schemaType", "schema", "references", "metadata", "ruleSet", "maxId"})
    record SchemaString(String schemaType, String schema, List<SchemaReference> references, ObjectNode metadata,
                        ObjectNode ruleSet, Integer maxId) {

        static SchemaString of(SchemaContent c, Integer maxId) {
            return new SchemaString(typeUnlessAvro(c.schemaType()), c.schema(), c.references(), c.metadata(),
                c.ruleSet(), maxId);
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

    record Mode(String mode) {
    }

    record Error(@JsonProperty("error_code") int errorCode, String message) {
    }
}
