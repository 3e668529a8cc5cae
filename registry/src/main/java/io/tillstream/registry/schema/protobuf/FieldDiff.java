package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;

import java.util.Optional;
import java.util.function.Function;

/**
 * Two versions of a field with the same number: its name (free to change: the wire has numbers),
 * its kind (scalar, message or map), a scalar's encoding group, a message type's name and its
 * definition when imported, and a numeric field's label (packed repeated numbers are read
 * differently from a single one).
 */
final class FieldDiff {

    private FieldDiff() {
    }

    /** What a field holds; enums are scalars here, being encoded as numbers. */
    private sealed interface Holds {
    }

    private record Scalar(ScalarKind kind) implements Holds {
    }

    /** A message, by the name written and the declaration it resolves to (none if no file declares it). */
    private record Message(String written, Optional<DeclaredType> declared) implements Holds {
    }

    private record MapOf(String keyType, String valueType) implements Holds {
    }

    static void compare(DiffContext context, FieldElement original, FieldElement update) {
        if (!original.getName().equals(update.getName())) {
            context.add(Rule.FIELD_NAME_CHANGED);
        }
        compare(context, original.getLabel(), update.getLabel(), original.getType(), update.getType());
    }

    private static void compare(DiffContext context, Field.Label originalLabel, Field.Label updateLabel,
                                String originalType, String updateType) {
        Holds before = holds(originalType, context::inOriginal);
        Holds after = holds(updateType, context::inUpdate);
        if (before.getClass() != after.getClass()) {
            context.add(Rule.FIELD_KIND_CHANGED);
        } else if (before instanceof Scalar scalar) {
            ScalarKind kind = scalar.kind();
            if (kind != ((Scalar) after).kind()) {
                context.add(Rule.FIELD_SCALAR_KIND_CHANGED);
            } else if (originalLabel != null && updateLabel != null && originalLabel != updateLabel) {
                context.add(kind.numeric() ? Rule.FIELD_NUMERIC_LABEL_CHANGED : Rule.FIELD_STRING_OR_BYTES_LABEL_CHANGED);
            }
        } else if (before instanceof MapOf map) {
            MapOf otherMap = (MapOf) after;
            compare(context, null, null, map.keyType(), otherMap.keyType());
            compare(context, null, null, map.valueType(), otherMap.valueType());
        } else {
            messageTypes(context, (Message) before, (Message) after);
        }
    }

    private static Holds holds(String type, Function<String, Optional<DeclaredType>> resolve) {
        ProtoType parsed = ProtoType.get(type);
        if (parsed.isScalar()) {
            return new Scalar(ScalarKind.of(type));
        }
        if (parsed.isMap()) {
            return new MapOf(parsed.getKeyType().toString(), parsed.getValueType().toString());
        }
        Optional<DeclaredType> declared = resolve.apply(type);
        if (declared.isPresent() && declared.get().isEnum()) {
            return new Scalar(ScalarKind.VARINT);
        }
        Optional<DeclaredType.MapEntry> entry = declared.flatMap(DeclaredType::mapEntry);
        if (entry.isPresent()) {
            return new MapOf(entry.get().keyType(), entry.get().valueType());
        }
        return new Message(type, declared);
    }

    /**
     * The same message name within its package (a package move of an imported type is allowed), and,
     * for an imported type, a compatible definition: the schema's own types are compared in place.
     */
    private static void messageTypes(DiffContext context, Message before, Message after) {
        if (before.declared().isEmpty() || after.declared().isEmpty()) {
            if (!before.written().equals(after.written())) {
                context.add(Rule.FIELD_NAMED_TYPE_CHANGED);
            }
            return;
        }
        DeclaredType original = before.declared().get();
        DeclaredType update = after.declared().get();
        if (!original.localName().equals(update.localName())) {
            context.add(Rule.FIELD_NAMED_TYPE_CHANGED);
        } else if (!original.local() || !update.local()) {
            DiffContext imported = context.forImported(original, update);
            MessageDiff.compare(imported, (MessageElement) original.element(), (MessageElement) update.element());
            context.addAll(imported.differences());
            if (!imported.compatible()) {
                context.add(Rule.FIELD_NAMED_TYPE_CHANGED);
            }
        }
    }
}
