package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two versions of one message, field by field number wherever the field sits (top level or in a
 * oneof), so that moving a field between oneofs cannot hide a change of its type. What breaks
 * readers: a required field added or removed, a oneof member dropped, and fields that were
 * independent becoming members of one oneof (setting one would clear another).
 */
final class MessageDiff {

    private MessageDiff() {
    }

    /** The fields of one version by number, and the oneof each belongs to. */
    private record Members(Map<Integer, FieldElement> byNumber, Map<Integer, String> oneOfOf, Map<String, OneOfElement> oneOfs) {

        static Members of(MessageElement message) {
            Members members = new Members(new TreeMap<>(), new HashMap<>(), new TreeMap<>());
            message.getFields().forEach(field -> members.byNumber.put(field.getTag(), field));
            for (OneOfElement oneOf : message.getOneOfs()) {
                members.oneOfs.put(oneOf.getName(), oneOf);
                for (FieldElement field : oneOf.getFields()) {
                    members.byNumber.put(field.getTag(), field);
                    members.oneOfOf.put(field.getTag(), oneOf.getName());
                }
            }
            return members;
        }
    }

    static void compare(DiffContext context, MessageElement original, MessageElement update) {
        if (!context.startComparing(original)) {
            return;
        }
        try {
            Members before = Members.of(original);
            Members after = Members.of(update);
            newlyExclusive(context, before, update);
            oneOfsAddedOrRemoved(context, before, after);
            fields(context, before, after);
            ProtobufDiff.types(context, original.getNestedTypes(), update.getNestedTypes());
        } finally {
            context.doneComparing(original);
        }
    }

    /**
     * A oneof of the update whose existing members come from more than one place in the original
     * (different oneofs, or top-level fields): values that could be set together no longer can.
     */
    private static void newlyExclusive(DiffContext context, Members before, MessageElement update) {
        for (OneOfElement oneOf : update.getOneOfs()) {
            Set<String> origins = new HashSet<>();
            int fromTopLevel = 0;
            for (FieldElement field : oneOf.getFields()) {
                int number = field.getTag();
                if (before.oneOfOf.containsKey(number)) {
                    origins.add("oneof " + before.oneOfOf.get(number));
                } else if (before.byNumber.containsKey(number)) {
                    origins.add("field " + number);
                    fromTopLevel++;
                }
            }
            if (origins.size() > 1) {
                Rule rule = fromTopLevel > 1 ? Rule.MULTIPLE_FIELDS_MOVED_TO_ONEOF : Rule.FIELD_MOVED_TO_EXISTING_ONEOF;
                context.at(oneOf.getName(), () -> context.add(rule));
            }
        }
    }

    private static void oneOfsAddedOrRemoved(DiffContext context, Members before, Members after) {
        Set<String> names = new TreeSet<>(before.oneOfs.keySet());
        names.addAll(after.oneOfs.keySet());
        for (String name : names) {
            if (!after.oneOfs.containsKey(name)) {
                context.at(name, () -> context.add(Rule.ONEOF_REMOVED));
            } else if (!before.oneOfs.containsKey(name)) {
                context.at(name, () -> context.add(Rule.ONEOF_ADDED));
            }
        }
    }

    private static void fields(DiffContext context, Members before, Members after) {
        Set<String> deletedOneOfs = deletedWithAllMembers(before, after);
        Set<Integer> numbers = new TreeSet<>(before.byNumber.keySet());
        numbers.addAll(after.byNumber.keySet());
        for (int number : numbers) {
            String tag = String.valueOf(number);
            FieldElement original = before.byNumber.get(number);
            FieldElement update = after.byNumber.get(number);
            String originalOneOf = before.oneOfOf.get(number);
            String updateOneOf = after.oneOfOf.get(number);
            if (update == null) {
                if (originalOneOf == null) {
                    context.at(tag, () -> context.add(required(original) ? Rule.REQUIRED_FIELD_REMOVED : Rule.FIELD_REMOVED));
                } else if (!deletedOneOfs.contains(originalOneOf)) {
                    context.at(originalOneOf, () -> context.at(tag, () -> context.add(Rule.ONEOF_FIELD_REMOVED)));
                }
            } else if (original == null) {
                if (updateOneOf == null) {
                    context.at(tag, () -> context.add(required(update) ? Rule.REQUIRED_FIELD_ADDED : Rule.FIELD_ADDED));
                } else {
                    context.at(updateOneOf, () -> context.at(tag, () -> context.add(Rule.ONEOF_FIELD_ADDED)));
                }
            } else {
                if (originalOneOf != null && updateOneOf == null) {
                    context.at(tag, () -> context.add(Rule.ONEOF_FIELD_MOVED_TO_TOP_LEVEL));
                }
                if (updateOneOf == null) {
                    context.at(tag, () -> FieldDiff.compare(context, original, update));
                } else {
                    context.at(updateOneOf, () -> context.at(tag, () -> FieldDiff.compare(context, original, update)));
                }
            }
        }
    }

    /** Deleting a whole oneof, none of its members kept anywhere, is allowed like deleting a field. */
    private static Set<String> deletedWithAllMembers(Members before, Members after) {
        Set<String> deleted = new HashSet<>();
        before.oneOfs.forEach((name, oneOf) -> {
            if (!after.oneOfs.containsKey(name)
                && oneOf.getFields().stream().noneMatch(field -> after.byNumber.containsKey(field.getTag()))) {
                deleted.add(name);
            }
        });
        return deleted;
    }

    private static boolean required(FieldElement field) {
        return field.getLabel() == Field.Label.REQUIRED;
    }
}
