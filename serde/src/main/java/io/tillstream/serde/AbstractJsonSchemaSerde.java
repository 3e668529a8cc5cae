package io.tillstream.serde;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.BoundedCache;
import io.tillstream.serde.internals.json.JsonMapping;
import io.tillstream.serde.internals.json.JsonSchemaValidator;
import org.apache.kafka.common.errors.SerializationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JSON Schema serializer and deserializer share: a registry client, their own or one they
 * were given, which side of a record they handle, the Jackson mapper, and the validators of the
 * schemas they met, one per schema ID.
 */
abstract class AbstractJsonSchemaSerde extends AbstractSerde {

    protected ObjectMapper mapper;
    protected boolean validate;
    private BoundedCache<Integer, JsonSchemaValidator> validators;

    protected AbstractJsonSchemaSerde(SchemaRegistryClient registry) {
        super(registry);
    }

    /** Takes the common settings and JSON Schema's own: the mapper, and whether values are validated. */
    protected void configureJsonSchema(JsonSchemaSerdeConfig config, boolean isKey) {
        configureCommon(config, isKey);
        this.mapper = JsonMapping.mapper(config.failUnknownProperties(), config.writeDatesAsIso8601());
        this.validate = config.failInvalidSchema();
        this.validators = new BoundedCache<>(config.cacheCapacity());
    }

    protected boolean configured() {
        return mapper != null;
    }

    /**
     * Refuses {@code value} unless it matches the JSON Schema registered under {@code id}.
     *
     * @throws SerializationException naming where the value breaks the schema
     */
    protected void requireValid(int id, JsonNode value) {
        List<String> problems;
        try {
            problems = validators.computeIfAbsent(id, this::validator).problems(value);
        } catch (RuntimeException e) {
            // The schema's references are fetched and resolved on first use: a reference gone missing shows here.
            throw new SerializationException("cannot validate against JSON Schema ID " + id + ": " + oneLine(e), e);
        }
        if (!problems.isEmpty()) {
            throw new SerializationException("the " + side() + " does not match JSON Schema ID " + id + ": "
                + String.join("; ", problems));
        }
    }

    /**
     * A failure's message on one line. Jackson's messages end with a line of where in the input and
     * through which fields, most of it noise here: the line and column are kept.
     */
    static String oneLine(Throwable e) {
        String message = Errors.describe(e);
        if (e instanceof JsonProcessingException json && json.getOriginalMessage() != null) {
            JsonLocation at = json.getLocation();
            message = json.getOriginalMessage() + (at == null || at.getLineNr() < 1 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    private JsonSchemaValidator validator(int id) {
        SchemaDefinition schema = registry.getSchema(id);
        Map<String, String> reached = new LinkedHashMap<>();
        addReferences(schema.references(), reached);
        return JsonSchemaValidator.of(schema.schema(), reached);
    }

    /** Every schema the references reach, directly or through the schemas they name, by reference name. */
    private void addReferences(List<SchemaReference> references, Map<String, String> reached) {
        for (SchemaReference reference : references) {
            if (!reached.containsKey(reference.name())) {
                SchemaDefinition referenced = registry.getVersion(reference.subject(), reference.version()).definition();
                reached.put(reference.name(), referenced.schema());
                addReferences(referenced.references(), reached);
            }
        }
    }
}
