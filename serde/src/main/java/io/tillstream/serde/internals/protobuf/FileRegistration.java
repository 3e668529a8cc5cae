package io.tillstream.serde.internals.protobuf;

import io.tillstream.protobuf.KnownFiles;
import io.tillstream.protobuf.ProtoTextPrinter;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@code .proto} file as Confluent's serializers put it in the registry: its imports
 * first, each under a subject named by its import path (imports before public imports, weak ones
 * and the well-known files left out), then the file itself with those as its references, every file
 * as {@link ProtoTextPrinter} prints it. Registers them, or only looks them up.
 */
public final class FileRegistration {

    private final SchemaRegistryClient registry;
    private final boolean register;
    private final boolean normalize;

    public FileRegistration(SchemaRegistryClient registry, boolean register, boolean normalize) {
        this.registry = registry;
        this.register = register;
        this.normalize = normalize;
    }

    /** The schema ID of {@code file} under {@code subject}. */
    public int id(String subject, FileDescriptor file) {
        SchemaDefinition schema = definition(file, new HashMap<>());
        return register ? registry.register(subject, schema, normalize) : registry.lookup(subject, schema, normalize).id();
    }

    /** {@code done} holds the references made so far, so a file imported twice is registered once. */
    private SchemaDefinition definition(FileDescriptor file, Map<String, SchemaReference> done) {
        List<SchemaReference> references = new ArrayList<>();
        for (FileDescriptor imported : importsInConfluentOrder(file)) {
            if (!KnownFiles.isKnown(imported.getName())) {
                if (!done.containsKey(imported.getName())) {
                    done.put(imported.getName(), reference(imported, done));
                }
                references.add(done.get(imported.getName()));
            }
        }
        return new SchemaDefinition(ProtoTextPrinter.print(file), SchemaDefinition.PROTOBUF, references);
    }

    private SchemaReference reference(FileDescriptor imported, Map<String, SchemaReference> done) {
        String subject = imported.getName();
        SchemaDefinition schema = definition(imported, done);
        if (register) {
            registry.register(subject, schema, normalize);
        }
        return new SchemaReference(subject, subject, registry.lookup(subject, schema, normalize).version());
    }

    private static List<FileDescriptor> importsInConfluentOrder(FileDescriptor file) {
        FileDescriptorProto proto = file.toProto();
        List<FileDescriptor> imports = new ArrayList<>();
        List<FileDescriptor> publicImports = new ArrayList<>();
        for (int i = 0; i < proto.getDependencyCount(); i++) {
            FileDescriptor imported = file.getDependencies().get(i);
            if (proto.getPublicDependencyList().contains(i)) {
                publicImports.add(imported);
            } else if (!proto.getWeakDependencyList().contains(i)) {
                imports.add(imported);
            }
        }
        imports.addAll(publicImports);
        return imports;
    }
}
