package io.tillstream.registry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.ParsedSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@code .proto} file (proto2 or proto3) parsed with Wire's parser, its imports resolved to the
 * schema's references (named by import path) and to the well-known files, stored as Confluent stores it.
 * It may also be given, and asked for, as a base64 {@code FileDescriptorProto} ({@link SerializedDescriptor}).
 */
public final class ProtobufSchema implements ParsedSchema {

    /** The type's name in the API and in {@code _schemas}. */
    public static final String TYPE = "PROTOBUF";

    private final ProtoFileElement file;
    private final TypeIndex types;
    private final String canonical;
    private final List<Dependency> dependencies;
    /** Built on first use: only {@code format=serialized} and comparing with another text need it. */
    private Built built;

    /** The descriptor, or why protobuf-java could not build one (a proto2 group, a type used without its import). */
    private record Built(FileDescriptorProto descriptor, String problem) {
    }

    private ProtobufSchema(ProtoFileElement file, TypeIndex types, String canonical, List<Dependency> dependencies) {
        this.file = file;
        this.types = types;
        this.canonical = canonical;
        this.dependencies = dependencies;
    }

    /**
     * Parses {@code text}, {@code .proto} text or a base64 {@code FileDescriptorProto}; {@code dependencies}
     * are the files its imports name, under their import paths.
     *
     * @throws RegistryException with {@code INVALID_SCHEMA} for a syntax error (with line and column), base64
     *                           that is no descriptor, an import that is neither a dependency nor well-known,
     *                           or a type no file declares
     */
    public static ProtobufSchema parse(String text, List<Dependency> dependencies) {
        Optional<String> described = SerializedDescriptor.protoText(text);
        ProtoFileElement file = ProtoParsing.parse(described.orElse(text));
        Map<String, ProtoFileElement> imports = new LinkedHashMap<>();
        for (Dependency dependency : dependencies) {
            imports.put(dependency.name(), ProtoParsing.parseReference(dependency.name(), dependency.schema()));
        }
        addWellKnownImports(file, imports);
        TypeIndex types = new TypeIndex(file, imports.values());
        ProtoValidation.check(file, imports::containsKey, types);
        String canonical = ProtoPrinter.canonical(file);
        if (canonical.isEmpty()) {
            throw ProtoParsing.invalid("the text declares nothing");
        }
        return new ProtobufSchema(file, types, canonical, List.copyOf(dependencies));
    }

    /** A registered file of the same path takes the place of the well-known one, as in Confluent's registry. */
    private static void addWellKnownImports(ProtoFileElement file, Map<String, ProtoFileElement> imports) {
        List<ProtoFileElement> importers = new ArrayList<>(imports.values());
        importers.add(file);
        for (ProtoFileElement importer : importers) {
            Stream.of(importer.getImports(), importer.getPublicImports(), importer.getWeakImports()).flatMap(List::stream)
                .filter(path -> !imports.containsKey(path))
                .forEach(path -> WellKnownTypes.file(path).ifPresent(wellKnown -> imports.put(path, wellKnown)));
        }
    }

    ProtoFileElement file() {
        return file;
    }

    TypeIndex types() {
        return types;
    }

    @Override
    public String schemaType() {
        return TYPE;
    }

    /** The file as Confluent's registry writes it, so whitespace and comments do not make a new ID. */
    @Override
    public String canonical() {
        return canonical;
    }

    /** Confluent's normalized form: members by number, names fully qualified, options and imports sorted. */
    @Override
    public String normalized() {
        return ProtoPrinter.normalized(file, types);
    }

    /**
     * The schema as a base64 {@code FileDescriptorProto} for {@code serialized}. Confluent's other
     * Protobuf format, {@code ignore_extensions}, is not implemented: it gets the text as stored.
     */
    @Override
    public Optional<String> formatted(String format) {
        if (!SerializedDescriptor.FORMAT.equalsIgnoreCase(format.trim())) {
            return Optional.empty();
        }
        Built described = built();
        if (described.descriptor() == null) {
            throw RegistryException.invalidSchema("This Protobuf schema cannot be given as a FileDescriptorProto: "
                + described.problem());
        }
        return Optional.of(SerializedDescriptor.encode(described.descriptor()));
    }

    /**
     * The same text, or the same declarations in another text: the descriptors protobuf-java builds of
     * both are equal (JSON names protoc derives aside), so a schema given as a descriptor finds the
     * version registered as text, and relative and qualified type names are one schema.
     */
    @Override
    public boolean sameAs(ParsedSchema other) {
        if (!(other instanceof ProtobufSchema that)) {
            return false;
        }
        if (canonical.equals(that.canonical)) {
            return true;
        }
        FileDescriptorProto mine = built().descriptor();
        FileDescriptorProto theirs = that.built().descriptor();
        return mine != null && theirs != null
            && SerializedDescriptor.identity(mine).equals(SerializedDescriptor.identity(theirs));
    }

    private synchronized Built built() {
        if (built == null) {
            try {
                built = new Built(SerializedDescriptor.descriptor(canonical, dependencies), null);
            } catch (IllegalArgumentException e) {
                built = new Built(null, e.getMessage());
            }
        }
        return built;
    }

    @Override
    public List<String> incompatibilities(ParsedSchema previous, Direction direction) {
        ProtobufSchema old = (ProtobufSchema) previous;
        return direction == Direction.BACKWARD
            ? ProtobufDiff.incompatibilities(old, this, "new", "old")
            : ProtobufDiff.incompatibilities(this, old, "old", "new");
    }
}
