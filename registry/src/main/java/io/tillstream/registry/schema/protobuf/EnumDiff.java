package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Enum constants matched by number. Every change is compatible by Confluent's rules: an unknown
 * number is kept as it is by proto3 readers (and as an unknown field by proto2 ones).
 */
final class EnumDiff {

    private EnumDiff() {
    }

    static void compare(DiffContext context, EnumElement original, EnumElement update) {
        Map<Integer, String> before = byNumber(original);
        Map<Integer, String> after = byNumber(update);
        Set<Integer> numbers = new TreeSet<>(before.keySet());
        numbers.addAll(after.keySet());
        for (int number : numbers) {
            context.at(String.valueOf(number), () -> {
                if (!after.containsKey(number)) {
                    context.add(Rule.ENUM_CONST_REMOVED);
                } else if (!before.containsKey(number)) {
                    context.add(Rule.ENUM_CONST_ADDED);
                } else if (!before.get(number).equals(after.get(number))) {
                    context.add(Rule.ENUM_CONST_CHANGED);
                }
            });
        }
    }

    private static Map<Integer, String> byNumber(EnumElement enumeration) {
        Map<Integer, String> byNumber = new TreeMap<>();
        for (EnumConstantElement constant : enumeration.getConstants()) {
            byNumber.putIfAbsent(constant.getTag(), constant.getName());
        }
        return byNumber;
    }
}
