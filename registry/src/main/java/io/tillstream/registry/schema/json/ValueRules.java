package io.tillstream.registry.schema.json;

import io.tillstream.registry.schema.json.Shape.EnumShape;
import io.tillstream.registry.schema.json.Shape.NumberShape;
import io.tillstream.registry.schema.json.Shape.StringShape;

import java.math.BigDecimal;
import java.util.Objects;

/** Confluent's rules for strings, numbers and enums. */
final class ValueRules {

    private ValueRules() {
    }

    static void strings(StringShape original, StringShape update, Changes changes) {
        Limits.MAX_LENGTH.compare(original.maxLength(), update.maxLength(), changes);
        Limits.MIN_LENGTH.compare(original.minLength(), update.minLength(), changes);
        if (original.pattern() == null && update.pattern() != null) {
            changes.add(ChangeType.PATTERN_ADDED, "pattern");
        } else if (original.pattern() != null && update.pattern() == null) {
            changes.add(ChangeType.PATTERN_REMOVED, "pattern");
        } else if (!Objects.equals(original.pattern(), update.pattern())) {
            changes.add(ChangeType.PATTERN_CHANGED, "pattern");
        }
    }

    static void numbers(NumberShape original, NumberShape update, Changes changes) {
        Limits.MAXIMUM.compare(original.maximum(), update.maximum(), changes);
        Limits.MINIMUM.compare(original.minimum(), update.minimum(), changes);
        Limits.EXCLUSIVE_MAXIMUM.compare(original.exclusiveMaximum(), update.exclusiveMaximum(), changes);
        Limits.EXCLUSIVE_MINIMUM.compare(original.exclusiveMinimum(), update.exclusiveMinimum(), changes);
        multipleOf(original.multipleOf(), update.multipleOf(), changes);
        if (original.integer() && !update.integer()) {
            changes.add(ChangeType.TYPE_EXTENDED);
        } else if (!original.integer() && update.integer()) {
            changes.add(ChangeType.TYPE_NARROWED);
        }
    }

    /** A multiple of the old step is still a multiple when the new step divides the old one. */
    private static void multipleOf(BigDecimal original, BigDecimal update, Changes changes) {
        if (original == null && update == null || original != null && update != null && original.compareTo(update) == 0) {
            return;
        }
        if (original == null) {
            changes.add(ChangeType.MULTIPLE_OF_ADDED, "multipleOf");
        } else if (update == null) {
            changes.add(ChangeType.MULTIPLE_OF_REMOVED, "multipleOf");
        } else if (original.signum() != 0 && update.remainder(original).signum() == 0) {
            changes.add(ChangeType.MULTIPLE_OF_EXPANDED, "multipleOf");
        } else if (update.signum() != 0 && original.remainder(update).signum() == 0) {
            changes.add(ChangeType.MULTIPLE_OF_REDUCED, "multipleOf");
        } else {
            changes.add(ChangeType.MULTIPLE_OF_CHANGED, "multipleOf");
        }
    }

    static void enums(EnumShape original, EnumShape update, Changes changes) {
        if (original.values().equals(update.values())) {
            return;
        }
        if (update.values().containsAll(original.values())) {
            changes.add(ChangeType.ENUM_ARRAY_EXTENDED, "enum");
        } else if (original.values().containsAll(update.values())) {
            changes.add(ChangeType.ENUM_ARRAY_NARROWED, "enum");
        } else {
            changes.add(ChangeType.ENUM_ARRAY_CHANGED, "enum");
        }
    }
}
