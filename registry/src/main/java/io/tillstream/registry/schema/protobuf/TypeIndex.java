package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.internal.parser.ExtendElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.TypeElement;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages, enums and extensions a {@code .proto} file can name, its own and its imports', by
 * full name; and protobuf's scoping rule for which of them a name written inside some message means.
 */
final class TypeIndex {

    /** An extension field ({@code extend} block member), such as a custom option, by full name. */
    record DeclaredExtension(String fullName, FieldElement field) {
    }

    private final Map<String, DeclaredType> byFullName = new HashMap<>();
    private final Map<String, DeclaredExtension> extensions = new HashMap<>();
    private final boolean wellKnownWithoutImport;

    /**
     * The file's own types win over an import's of the same name. Like Confluent's registry, a
     * well-known type resolves even where its import was left out, so that every schema it stored reads here.
     */
    TypeIndex(ProtoFileElement file, Collection<ProtoFileElement> imports) {
        this.wellKnownWithoutImport = true;
        add(file, true);
        imports.forEach(imported -> add(imported, false));
    }

    /** The types of {@code files}, none of them the schema's own. */
    TypeIndex(Collection<ProtoFileElement> files) {
        this.wellKnownWithoutImport = false;
        files.forEach(file -> add(file, false));
    }

    private void add(ProtoFileElement file, boolean local) {
        String packageName = packageOf(file);
        addExtensions(file.getExtendDeclarations(), packageName);
        add(file.getTypes(), packageName, packageName, local);
    }

    private void add(List<TypeElement> types, String packageName, String scope, boolean local) {
        for (TypeElement type : types) {
            String fullName = qualify(scope, type.getName());
            byFullName.putIfAbsent(fullName, new DeclaredType(fullName, packageName, type, local));
            if (type instanceof MessageElement message) {
                addExtensions(message.getExtendDeclarations(), fullName);
            }
            add(type.getNestedTypes(), packageName, fullName, local);
        }
    }

    private void addExtensions(List<ExtendElement> blocks, String scope) {
        for (ExtendElement block : blocks) {
            for (FieldElement field : block.getFields()) {
                String fullName = qualify(scope, field.getName());
                extensions.putIfAbsent(fullName, new DeclaredExtension(fullName, field));
            }
        }
    }

    /**
     * The type {@code name} means when written in {@code scope} (a package, or a message's full
     * name): a leading dot makes it absolute; otherwise the innermost enclosing scope declaring it wins.
     */
    Optional<DeclaredType> resolve(String name, String scope) {
        Optional<DeclaredType> declared = lookUp(byFullName, name, scope);
        return declared.isPresent() || !wellKnownWithoutImport ? declared : WellKnownTypes.index().resolve(name, scope);
    }

    /** The extension {@code name} (as in a custom option's parentheses) means in {@code scope}, by the same rule. */
    Optional<DeclaredExtension> resolveExtension(String name, String scope) {
        Optional<DeclaredExtension> declared = lookUp(extensions, name, scope);
        return declared.isPresent() || !wellKnownWithoutImport ? declared : WellKnownTypes.index().resolveExtension(name, scope);
    }

    private static <T> Optional<T> lookUp(Map<String, T> declared, String name, String scope) {
        if (name.startsWith(".")) {
            return Optional.ofNullable(declared.get(name.substring(1)));
        }
        String enclosing = scope;
        while (!enclosing.isEmpty()) {
            T found = declared.get(enclosing + "." + name);
            if (found != null) {
                return Optional.of(found);
            }
            int dot = enclosing.lastIndexOf('.');
            enclosing = dot < 0 ? "" : enclosing.substring(0, dot);
        }
        return Optional.ofNullable(declared.get(name));
    }

    static String packageOf(ProtoFileElement file) {
        return file.getPackageName() == null ? "" : file.getPackageName();
    }

    static String qualify(String scope, String name) {
        return scope.isEmpty() ? name : scope + "." + name;
    }
}
