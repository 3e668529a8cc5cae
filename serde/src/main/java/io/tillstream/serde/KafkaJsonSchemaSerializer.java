package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.BoundedCache;
import io.tillstream.serde.internals.ByteOutput;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Jackson {@link JsonNode}s and Java objects (records, POJOs) in Confluent's wire format for
 * JSON Schema: magic byte 0, the schema ID as a big-endian int32, then the value as compact UTF-8
 * JSON, the bytes Confluent's {@code KafkaJsonSchemaSerializer} writes for the same value.
 *
 * <p>The schema comes from one of two places, as Tillstream derives none from a class:
 * <ul>
 *   <li>a {@link JsonSchemaEnvelope}, a JsonNode carrying the schema (and references to other subjects)
 *       beside the payload: the schema is registered ({@code auto.register.schemas}, the default), or
 *       the subject's latest version is used ({@code use.latest.version}), or it is looked up;</li>
 *   <li>with {@code use.latest.version=true}, the subject's latest schema, for any value.</li>
 * </ul>
 * Subjects are named by the {@code *.subject.name.strategy} settings, a schema's record name being its
 * {@code title}. With {@code json.fail.invalid.schema} each value is validated before it is written.
 * Unlike the Avro serializer, {@code latest.compatibility.strict} is not applied: JSON Schema
 * compatibility rules live in the registry, not in this client.
 *
 * <pre>{@code
 * props.put("value.serializer", KafkaJsonSchemaSerializer.class.getName());
 * props.put("schema.registry.url", "http://127.0.0.1:8081");
 * props.put("use.latest.version", true);
 * }</pre>
 *
 * <p>Settings are {@link JsonSchemaSerdeConfig}'s. The registry is asked once per topic and schema.
 * Thread-safe.
 */
public class KafkaJsonSchemaSerializer<T> extends AbstractJsonSchemaSerde implements Serializer<T> {

    private final ThreadLocal<ByteOutput> outputs = ThreadLocal.withInitial(ByteOutput::new);

    private JsonSchemaSerdeConfig config;
    private SubjectNameStrategy subjectNameStrategy;
    private boolean envelopeDetection;
    private boolean useLatestVersion;
    private BoundedCache<Target, Integer> ids;

    /** What decides the schema ID: the topic, and the schema an envelope brought, or none for the subject's latest. */
    private record Target(String topic, JsonNode schema, List<SchemaReference> references) {
    }

    /** For Kafka to create and {@link #configure} by class name. */
    public KafkaJsonSchemaSerializer() {
        super(null);
    }

    /** With a registry client shared with other serdes; {@link #close()} leaves it open. */
    public KafkaJsonSchemaSerializer(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new JsonSchemaSerdeConfig(configs);
        configureJsonSchema(config, isKey);
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.envelopeDetection = config.envelopeDetection();
        this.useLatestVersion = config.useLatestVersion();
        this.ids = new BoundedCache<>(config.cacheCapacity());
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!configured()) {
            throw new SerializationException("KafkaJsonSchemaSerializer is not configured: call configure() first");
        }
        try {
            Optional<JsonSchemaEnvelope.Parts> envelope = envelopeDetection ? JsonSchemaEnvelope.open(data) : Optional.empty();
            Object payload = envelope.isPresent() ? envelope.get().payload() : data;
            if (payload == null) {
                // An envelope without a payload, which Confluent's serializer writes as null too.
                return null;
            }
            int id = ids.computeIfAbsent(target(topic, envelope, data), this::schemaId);
            if (validate) {
                JsonNode tree = payload instanceof JsonNode node ? node : mapper.valueToTree(payload);
                requireValid(id, tree);
                payload = tree;
            }
            return write(id, payload);
        } catch (RuntimeException | IOException e) {
            throw new SerializationException("Cannot serialize " + side() + " for topic " + topic + ": " + oneLine(e), e);
        }
    }

    /** Where the schema comes from: the envelope, else the subject's latest version, if use.latest.version allows it. */
    private Target target(String topic, Optional<JsonSchemaEnvelope.Parts> envelope, Object value) {
        if (envelope.isPresent()) {
            return new Target(topic, envelope.get().schema(), envelope.get().references());
        }
        if (!useLatestVersion) {
            throw new SerializationException("a " + value.getClass().getName() + " carries no JSON Schema: send it "
                + "in an envelope (JsonSchemaEnvelope.of), or set " + SerdeConfig.USE_LATEST_VERSION_CONFIG
                + "=true to write it with the subject's latest schema");
        }
        return new Target(topic, null, List.of());
    }

    /** Finds the schema ID as Confluent's serializer does: register, else the latest version, else look up. */
    private int schemaId(Target target) {
        if (target.schema() == null) {
            return latest(subjectNameStrategy.subjectName(target.topic(), isKey, null));
        }
        String subject = subjectNameStrategy.subjectName(target.topic(), isKey, target.schema().path("title").textValue());
        SchemaDefinition schema = new SchemaDefinition(target.schema().toString(), SchemaDefinition.JSON, target.references());
        if (config.autoRegisterSchemas()) {
            return registry.register(subject, schema, config.normalizeSchemas());
        }
        if (useLatestVersion) {
            return latest(subject);
        }
        return registry.lookup(subject, schema, config.normalizeSchemas()).id();
    }

    private int latest(String subject) {
        RegisteredSchema latest = registry.getLatestVersion(subject);
        if (!SchemaDefinition.JSON.equals(latest.definition().schemaType())) {
            throw new SerializationException("the latest schema of subject " + subject + " (version " + latest.version()
                + ", ID " + latest.id() + ") is " + latest.definition().schemaType() + ", not a JSON Schema");
        }
        return latest.id();
    }

    private byte[] write(int id, Object payload) throws IOException {
        ByteOutput output = outputs.get();
        WireFormat.writeHeader(output.reset(WireFormat.HEADER_SIZE), id);
        mapper.writeValue(output, payload);
        return output.toByteArray();
    }
}
