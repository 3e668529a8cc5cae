package io.tillstream.serde.internals.protobuf;

import io.tillstream.protobuf.KnownFiles;
import io.tillstream.protobuf.ProtoTextParser;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.BoundedCache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Protobuf schemas fetched from the registry and compiled into descriptors, each schema ID once:
 * its references (its imports, by import path) are fetched and compiled first, and imports of the
 * well-known files need none. Thread-safe.
 */
public final class RegisteredFiles {

    private final SchemaRegistryClient registry;
    private final BoundedCache<Integer, FileDescriptor> byId;

    public RegisteredFiles(SchemaRegistryClient registry, int capacity) {
        this.registry = registry;
        this.byId = new BoundedCache<>(capacity);
    }

    /**
     * The file registered under {@code id}.
     *
     * @throws IllegalArgumentException if the schema is not Protobuf or does not compile
     */
    public FileDescriptor byId(int id) {
        return byId.computeIfAbsent(id, key -> compile("schema-" + id + ".proto", registry.getSchema(id), new HashMap<>()));
    }

    /** {@code referenced} holds the files compiled so far for this schema, by import path, so each is compiled once. */
    private FileDescriptor compile(String name, SchemaDefinition schema, Map<String, FileDescriptor> referenced) {
        if (!SchemaDefinition.PROTOBUF.equals(schema.schemaType())) {
            throw new IllegalArgumentException("the schema is " + schema.schemaType() + ", not " + SchemaDefinition.PROTOBUF);
        }
        compileReferences(schema.references(), referenced);
        return ProtoTextParser.parse(name, schema.schema(), path -> imported(path, referenced));
    }

    private void compileReferences(List<SchemaReference> references, Map<String, FileDescriptor> referenced) {
        for (SchemaReference reference : references) {
            if (!referenced.containsKey(reference.name())) {
                SchemaDefinition schema = registry.getVersion(reference.subject(), reference.version()).definition();
                referenced.put(reference.name(), compile(reference.name(), schema, referenced));
            }
        }
    }

    /** A registered file of a well-known path takes the place of the well-known one, as in Confluent's registry. */
    private static FileDescriptor imported(String path, Map<String, FileDescriptor> referenced) {
        FileDescriptor file = referenced.get(path);
        if (file != null) {
            return file;
        }
        return KnownFiles.file(path).orElseThrow(() -> new IllegalArgumentException("the schema imports " + path
            + ", which is neither among its references nor a well-known file"));
    }
}
