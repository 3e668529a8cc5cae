package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.ParsedSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@code .proto} file (proto2 or proto3) parsed with Wire's parser, its imports resolved to the
 * schema's references (named by import path) and to the well-known files, stored as Confluent stores it.
 */
public final class ProtobufSchema implements ParsedSchema {

    /** The type's name in the API and in {@code _schemas}. */
    public static final String TYPE = "PROTOBUF";

    private final ProtoFileElement file;
    private final TypeIndex types;
    private final String canonical;

    private ProtobufSchema(ProtoFileElement file, TypeIndex types, String canonical) {
        this.file = file;
        this.types = types;
        this.canonical = canonical;
    }

    /**
     * Parses {@code text}; {@code dependencies} are the files its imports name, under their import paths.
     *
     * @throws RegistryException with {@code INVALID_SCHEMA} for a syntax error (with line and column), an
     *                           import that is neither a dependency nor well-known, or a type no file declares
     */
    public static ProtobufSchema parse(String text, List<Dependency> dependencies) {
        ProtoFileElement file = ProtoParsing.parse(text);
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
        return new ProtobufSchema(file, types, canonical);
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

    @Override
    public List<String> incompatibilities(ParsedSchema previous, Direction direction) {
        ProtobufSchema old = (ProtobufSchema) previous;
        return direction == Direction.BACKWARD
            ? ProtobufDiff.incompatibilities(old, this, "new", "old")
            : ProtobufDiff.incompatibilities(this, old, "old", "new");
    }
}
