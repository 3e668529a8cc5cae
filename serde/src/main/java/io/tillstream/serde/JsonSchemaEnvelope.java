package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.serde.client.SchemaReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value together with the JSON Schema to write it with, in the shape Confluent's serializer takes
 * (their {@code JsonSchemaUtils.envelope}): {@code {"schema": ..., "references": [...], "payload": ...}}.
 * {@link KafkaJsonSchemaSerializer} registers or looks up the schema, with its references to other
 * subjects, and writes the payload alone.
 *
 * <pre>{@code
 * producer.send(new ProducerRecord<>("raw_data", JsonSchemaEnvelope.of(saleSchema, saleJson)));
 * }</pre>
 */
public final class JsonSchemaEnvelope {

    static final String SCHEMA = "schema";
    static final String REFERENCES = "references";
    static final String PAYLOAD = "payload";

    private JsonSchemaEnvelope() {
    }

    /** What the serializer takes out of an envelope; a null payload when the envelope has none, as Confluent reads it. */
    record Parts(JsonNode schema, List<SchemaReference> references, JsonNode payload) {
    }

    public static ObjectNode of(JsonNode schema, JsonNode payload) {
        return of(schema, List.of(), payload);
    }

    /** An envelope whose schema names {@code references} in its {@code $ref}s, by their names. */
    public static ObjectNode of(JsonNode schema, List<SchemaReference> references, JsonNode payload) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.set(SCHEMA, schema);
        envelope.set(PAYLOAD, payload);
        if (!references.isEmpty()) {
            ArrayNode array = envelope.putArray(REFERENCES);
            references.forEach(r -> array.addObject().put("name", r.name()).put("subject", r.subject())
                .put("version", r.version()));
        }
        return envelope;
    }

    /** The parts of {@code value} if it is an envelope: a JSON object with a {@code schema} property. */
    static Optional<Parts> open(Object value) {
        if (!(value instanceof ObjectNode envelope) || !envelope.has(SCHEMA)) {
            return Optional.empty();
        }
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode reference : envelope.path(REFERENCES)) {
            if (!reference.path("name").isTextual() || !reference.path("subject").isTextual()
                || !reference.path("version").canConvertToInt()) {
                throw new IllegalArgumentException("each of the envelope's references must be an object with a name, "
                    + "a subject and a version, not " + reference);
            }
            references.add(new SchemaReference(reference.get("name").asText(), reference.get("subject").asText(),
                reference.get("version").asInt()));
        }
        return Optional.of(new Parts(envelope.get(SCHEMA), references, envelope.get(PAYLOAD)));
    }
}
