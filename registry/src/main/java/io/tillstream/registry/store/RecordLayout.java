package io.tillstream.registry.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.RegistryJson;
import io.tillstream.registry.model.Mode;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.SchemaReference;
import io.tillstream.registry.model.SubjectConfig;
import io.tillstream.registry.store.StoreKey.ClearSubjectKey;
import io.tillstream.registry.store.StoreKey.ConfigKey;
import io.tillstream.registry.store.StoreKey.DeleteSubjectKey;
import io.tillstream.registry.store.StoreKey.ModeKey;
import io.tillstream.registry.store.StoreKey.NoopKey;
import io.tillstream.registry.store.StoreKey.SchemaKey;
import io.tillstream.registry.store.StoreValue.ClearSubjectValue;
import io.tillstream.registry.store.StoreValue.ConfigValue;
import io.tillstream.registry.store.StoreValue.DeleteSubjectValue;
import io.tillstream.registry.store.StoreValue.ModeValue;
import io.tillstream.registry.store.StoreValue.SchemaValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code _schemas} keys and values, byte for byte as Confluent Schema Registry writes
 * them: compact, fields in Confluent's order, {@code schemaType} left out for Avro and
 * {@code references}, {@code metadata} and {@code ruleSet} when empty. Reading is lenient the same way
 * Confluent's is: unknown fields are ignored, absent ones take their defaults, and keys are read in
 * every form Confluent's versions wrote them (any field order, {@code magic} 0, 1 or none).
 */
public final class RecordLayout {

    private static final ObjectMapper MAPPER = RegistryJson.mapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    private RecordLayout() {
    }

    /** Thrown for a record whose key or value is not in the layout. */
    public static final class MalformedRecordException extends RuntimeException {
        MalformedRecordException(String message) {
            super(message);
        }
    }

    public static byte[] key(StoreKey key) {
        return write(g -> {
            if (key instanceof SchemaKey k) {
                g.writeStringField("keytype", "SCHEMA");
                g.writeStringField("subject", k.subject());
                g.writeNumberField("version", k.version());
                g.writeNumberField("magic", 1);
            } else if (key instanceof ConfigKey k) {
                subjectKey(g, "CONFIG", k.subject());
            } else if (key instanceof ModeKey k) {
                subjectKey(g, "MODE", k.subject());
            } else if (key instanceof DeleteSubjectKey k) {
                subjectKey(g, "DELETE_SUBJECT", k.subject());
            } else if (key instanceof ClearSubjectKey k) {
                subjectKey(g, "CLEAR_SUBJECT", k.subject());
            } else {
                g.writeStringField("keytype", "NOOP");
                g.writeNumberField("magic", 0);
            }
        });
    }

    private static void subjectKey(JsonGenerator g, String keytype, String subject) throws IOException {
        g.writeStringField("keytype", keytype);
        g.writeStringField("subject", subject);
        g.writeNumberField("magic", 0);
    }

    public static byte[] value(StoreValue value) {
        return write(g -> {
            if (value instanceof SchemaValue v) {
                schema(g, v.schema());
            } else if (value instanceof ConfigValue v) {
                for (Iterator<Map.Entry<String, JsonNode>> it = v.config().fields().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    g.writeTree(field.getValue());
                }
            } else if (value instanceof ModeValue v) {
                g.writeStringField("mode", v.mode().name());
            } else if (value instanceof DeleteSubjectValue v) {
                g.writeStringField("subject", v.subject());
                g.writeNumberField("version", v.version());
            } else if (value instanceof ClearSubjectValue v) {
                g.writeStringField("subject", v.subject());
            }
        });
    }

    private static void schema(JsonGenerator g, RegisteredSchema s) throws IOException {
        g.writeStringField("subject", s.subject());
        g.writeNumberField("version", s.version());
        g.writeNumberField("id", s.id());
        if (!RegisteredSchema.AVRO.equals(s.schemaType())) {
            g.writeStringField("schemaType", s.schemaType());
        }
        if (!s.references().isEmpty()) {
            g.writeArrayFieldStart("references");
            for (SchemaReference r : s.references()) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeStringField("subject", r.subject());
                g.writeNumberField("version", r.version());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (s.metadata() != null) {
            g.writeFieldName("metadata");
            g.writeTree(s.metadata());
        }
        if (s.ruleSet() != null) {
            g.writeFieldName("ruleSet");
            g.writeTree(s.ruleSet());
        }
        g.writeStringField("schema", s.schema());
        g.writeBooleanField("deleted", s.deleted());
    }

    /** The key, or null for a key type this registry has no use for (Confluent's contexts, associations, ...). */
    public static StoreKey parseKey(byte[] bytes) {
        JsonNode k = tree(bytes, "key");
        String subject = text(k, "subject");
        return switch (text(k, "keytype") == null ? "" : text(k, "keytype")) {
            case "SCHEMA" -> {
                if (subject == null || !k.path("version").canConvertToInt()) {
                    throw new MalformedRecordException("SCHEMA key without subject and version");
                }
                yield new SchemaKey(subject, k.get("version").intValue());
            }
            case "CONFIG" -> new ConfigKey(subject);
            case "MODE" -> new ModeKey(subject);
            case "DELETE_SUBJECT" -> new DeleteSubjectKey(subject);
            case "CLEAR_SUBJECT" -> new ClearSubjectKey(subject);
            case "NOOP" -> new NoopKey();
            default -> null;
        };
    }

    /** The value for {@code key}, or null for a tombstone (null or empty bytes). */
    public static StoreValue parseValue(StoreKey key, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        JsonNode v = tree(bytes, "value");
        if (key instanceof SchemaKey k) {
            return new SchemaValue(new RegisteredSchema(k.subject(), k.version(), required(v, "id").intValue(),
                text(v, "schemaType"), references(v.path("references")), object(v, "metadata"), object(v, "ruleSet"),
                required(v, "schema").asText(), v.path("deleted").asBoolean(false)));
        } else if (key instanceof ConfigKey) {
            SubjectConfig config = new SubjectConfig((ObjectNode) v);
            return config.isEmpty() ? null : new ConfigValue(config);
        } else if (key instanceof ModeKey) {
            String mode = text(v, "mode");
            return mode == null ? null : new ModeValue(Mode.parse(mode));
        } else if (key instanceof DeleteSubjectKey k) {
            String subject = text(v, "subject");
            return new DeleteSubjectValue(subject == null ? k.subject() : subject, required(v, "version").intValue());
        } else if (key instanceof ClearSubjectKey k) {
            String subject = text(v, "subject");
            return new ClearSubjectValue(subject == null ? k.subject() : subject);
        }
        return null;
    }

    private static List<SchemaReference> references(JsonNode array) {
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode r : array) {
            references.add(new SchemaReference(text(r, "name"), text(r, "subject"), r.path("version").asInt()));
        }
        return references;
    }

    private static JsonNode tree(byte[] bytes, String what) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new MalformedRecordException("record " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedRecordException("record " + what + " is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedRecordException("record value has no '" + field + "'");
        }
        return value;
    }

    private static ObjectNode object(JsonNode node, String field) {
        return node.get(field) instanceof ObjectNode object ? object : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
