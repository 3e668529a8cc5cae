package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.internal.parser.MessageElement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a comparison of two versions of a {@code .proto} stands: the path it reports at, the message
 * names it resolves type names in (for each version, inside that version's package), the messages
 * being compared (a message may contain itself), and the differences found so far.
 */
final class DiffContext {

    private final TypeIndex originalTypes;
    private final TypeIndex updateTypes;
    private final String originalPackage;
    private final String updatePackage;
    private final Deque<String> names = new ArrayDeque<>();
    private final Deque<String> path = new ArrayDeque<>();
    private final Set<MessageElement> comparing;
    private final List<Difference> differences = new ArrayList<>();

    DiffContext(TypeIndex originalTypes, String originalPackage, TypeIndex updateTypes, String updatePackage) {
        this(originalTypes, originalPackage, updateTypes, updatePackage, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private DiffContext(TypeIndex originalTypes, String originalPackage, TypeIndex updateTypes, String updatePackage,
                        Set<MessageElement> comparing) {
        this.originalTypes = originalTypes;
        this.updateTypes = updateTypes;
        this.originalPackage = originalPackage;
        this.updatePackage = updatePackage;
        this.comparing = comparing;
    }

    /**
     * A comparison of a message type that two fields name, declared in imported files: reported at
     * the type's own name in its package, as if it were declared in the schema.
     */
    DiffContext forImported(DeclaredType original, DeclaredType update) {
        Set<MessageElement> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        inProgress.addAll(comparing);
        DiffContext imported = new DiffContext(originalTypes, original.packageName(), updateTypes, update.packageName(),
            inProgress);
        List<String> localName = Arrays.asList(original.localName().split("\\."));
        imported.names.addAll(localName);
        imported.path.addAll(localName);
        return imported;
    }

    void add(Rule rule) {
        differences.add(new Difference(rule, "#/" + String.join("/", path)));
    }

    void addAll(List<Difference> found) {
        differences.addAll(found);
    }

    /** Runs {@code body} with {@code segment} (a field number, a oneof name) appended to the path. */
    void at(String segment, Runnable body) {
        path.addLast(segment);
        try {
            body.run();
        } finally {
            path.removeLast();
        }
    }

    /** Runs {@code body} inside type {@code name}: on the path, and as the scope that type names resolve in. */
    void inType(String name, Runnable body) {
        names.addLast(name);
        try {
            at(name, body);
        } finally {
            names.removeLast();
        }
    }

    /** Whether {@code original} is not being compared already, further up; if so, it is from now on. */
    boolean startComparing(MessageElement original) {
        return comparing.add(original);
    }

    void doneComparing(MessageElement original) {
        comparing.remove(original);
    }

    Optional<DeclaredType> inOriginal(String typeName) {
        return originalTypes.resolve(typeName, scope(originalPackage));
    }

    Optional<DeclaredType> inUpdate(String typeName) {
        return updateTypes.resolve(typeName, scope(updatePackage));
    }

    private String scope(String packageName) {
        return names.isEmpty() ? packageName : TypeIndex.qualify(packageName, String.join(".", names));
    }

    List<Difference> differences() {
        return differences;
    }

    boolean compatible() {
        return differences.stream().allMatch(d -> d.rule().compatible());
    }
}
