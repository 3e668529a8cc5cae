package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.TypeElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Confluent's Protobuf compatibility rules, file level: the package, and the messages and enums
 * matched by name at each level of nesting. A reader of {@code update} reads data written with
 * {@code original} if no difference between them breaks a rule.
 */
final class ProtobufDiff {

    private ProtobufDiff() {
    }

    /**
     * Why a reader using {@code update} cannot read data written with {@code original}, in Confluent's
     * words; empty if it can.
     */
    static List<String> incompatibilities(ProtobufSchema original, ProtobufSchema update, String reader, String writer) {
        return differences(original, update).stream().filter(d -> !d.rule().compatible())
            .map(d -> d.message(reader, writer)).toList();
    }

    /** Every difference, compatible or not. */
    static List<Difference> differences(ProtobufSchema original, ProtobufSchema update) {
        ProtoFileElement originalFile = original.file();
        ProtoFileElement updateFile = update.file();
        DiffContext context = new DiffContext(original.types(), TypeIndex.packageOf(originalFile),
            update.types(), TypeIndex.packageOf(updateFile));
        if (!Objects.equals(originalFile.getPackageName(), updateFile.getPackageName())) {
            context.add(Rule.PACKAGE_CHANGED);
        }
        types(context, originalFile.getTypes(), updateFile.getTypes());
        return context.differences();
    }

    /** The messages and enums declared side by side (in a file or a message), matched by name. */
    static void types(DiffContext context, List<TypeElement> original, List<TypeElement> update) {
        List<MessageElement> originalMessages = only(original, MessageElement.class);
        List<MessageElement> updateMessages = only(update, MessageElement.class);
        for (String name : names(originalMessages, updateMessages)) {
            context.inType(name, () -> {
                int before = indexOf(originalMessages, name);
                int after = indexOf(updateMessages, name);
                if (after < 0) {
                    // Map entry messages come and go with map fields, whose own comparison covers them.
                    if (!DeclaredType.isMapEntry(originalMessages.get(before))) {
                        context.add(Rule.MESSAGE_REMOVED);
                    }
                } else if (before < 0) {
                    if (!DeclaredType.isMapEntry(updateMessages.get(after))) {
                        context.add(Rule.MESSAGE_ADDED);
                    }
                } else {
                    MessageDiff.compare(context, originalMessages.get(before), updateMessages.get(after));
                    if (before != after) {
                        context.add(Rule.MESSAGE_MOVED);
                    }
                }
            });
        }
        Map<String, EnumElement> originalEnums = byName(only(original, EnumElement.class));
        Map<String, EnumElement> updateEnums = byName(only(update, EnumElement.class));
        Set<String> enumNames = new LinkedHashSet<>(originalEnums.keySet());
        enumNames.addAll(updateEnums.keySet());
        for (String name : enumNames) {
            context.inType(name, () -> {
                if (!updateEnums.containsKey(name)) {
                    context.add(Rule.ENUM_REMOVED);
                } else if (!originalEnums.containsKey(name)) {
                    context.add(Rule.ENUM_ADDED);
                } else {
                    EnumDiff.compare(context, originalEnums.get(name), updateEnums.get(name));
                }
            });
        }
    }

    private static <T extends TypeElement> List<T> only(List<TypeElement> types, Class<T> kind) {
        List<T> matching = new ArrayList<>();
        types.stream().filter(kind::isInstance).map(kind::cast).forEach(matching::add);
        return matching;
    }

    private static Set<String> names(List<MessageElement> original, List<MessageElement> update) {
        Set<String> names = new LinkedHashSet<>();
        original.forEach(m -> names.add(m.getName()));
        update.forEach(m -> names.add(m.getName()));
        return names;
    }

    private static int indexOf(List<MessageElement> messages, String name) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static <T extends TypeElement> Map<String, T> byName(List<T> types) {
        Map<String, T> byName = new LinkedHashMap<>();
        types.forEach(t -> byName.putIfAbsent(t.getName(), t));
        return byName;
    }
}
