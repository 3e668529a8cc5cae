package io.tillstream.registry.schema.json;

import io.tillstream.registry.schema.json.Shape.Anything;
import io.tillstream.registry.schema.json.Shape.Nothing;
import io.tillstream.registry.schema.json.Shape.ObjectShape;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Confluent's rules for objects. Content models decide what a property's arrival or departure
 * means: an open model (no additionalProperties, patternProperties or unevaluatedProperties
 * limit) accepts any undeclared property, a closed one none, a partially open one those matching
 * a schema.
 */
final class ObjectRules {

    private ObjectRules() {
    }

    static void compare(Comparison comparison, ObjectShape original, ObjectShape update, Changes changes) {
        required(original, update, changes);
        properties(comparison, original, update, changes);
        dependencies(comparison, original, update, changes);
        additionalProperties(comparison, original, update, changes);
        Unevaluated.PROPERTIES.compare(comparison, original.unevaluated(), update.unevaluated(), changes);
        Limits.MAX_PROPERTIES.compare(original.maxProperties(), update.maxProperties(), changes);
        Limits.MIN_PROPERTIES.compare(original.minProperties(), update.minProperties(), changes);
    }

    private static void required(ObjectShape original, ObjectShape update, Changes changes) {
        for (String name : original.properties().keySet()) {
            if (!update.properties().containsKey(name)) {
                continue;
            }
            boolean wasRequired = original.required().contains(name);
            boolean isRequired = update.required().contains(name);
            if (wasRequired && !isRequired) {
                changes.add(ChangeType.REQUIRED_ATTRIBUTE_REMOVED, "required", name);
            } else if (!wasRequired && isRequired) {
                changes.add(update.withDefault().contains(name) ? ChangeType.REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED
                    : ChangeType.REQUIRED_ATTRIBUTE_ADDED, "required", name);
            }
        }
    }

    private static void properties(Comparison comparison, ObjectShape original, ObjectShape update, Changes changes) {
        for (String name : union(original.properties().keySet(), update.properties().keySet())) {
            Shape before = original.properties().get(name);
            Shape after = update.properties().get(name);
            if (after == null) {
                removed(comparison, name, before, update, changes);
            } else if (before == null) {
                added(comparison, name, after, original, update, changes);
            } else {
                changes.addAll(comparison.compare(before, after), "properties", name);
            }
        }
    }

    /** A property the update no longer declares: only the update's content model says whether it may still come. */
    private static void removed(Comparison comparison, String name, Shape before, ObjectShape update, Changes changes) {
        if (isOpen(update)) {
            changes.add(ChangeType.PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL, "properties", name);
            return;
        }
        Shape covering = partiallyOpenSchema(update, name);
        if (covering != null) {
            List<Change> found = comparison.compare(before, covering);
            changes.addAll(found, "properties", name);
            changes.add(Change.allCompatible(found) ? ChangeType.PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                : ChangeType.PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, "properties", name);
        } else {
            changes.add(before instanceof Nothing ? ChangeType.PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL
                : ChangeType.PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, "properties", name);
        }
    }

    /** A property the update declares anew: the original's content model says what such a property could be before. */
    private static void added(Comparison comparison, String name, Shape after, ObjectShape original,
                              ObjectShape update, Changes changes) {
        boolean required = update.required().contains(name);
        boolean withDefault = update.withDefault().contains(name);
        if (isOpen(original)) {
            ChangeType type;
            if (after instanceof Anything) {
                type = ChangeType.PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL;
            } else if (required) {
                type = withDefault ? ChangeType.REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL
                    : ChangeType.REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL;
            } else {
                type = ChangeType.OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL;
            }
            changes.add(type, "properties", name);
            return;
        }
        Shape covering = partiallyOpenSchema(original, name);
        if (covering != null) {
            List<Change> found = comparison.compare(covering, after);
            changes.addAll(found, "properties", name);
            changes.add(Change.allCompatible(found) ? ChangeType.PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                : ChangeType.PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, "properties", name);
        }
        ChangeType requirement;
        if (required) {
            requirement = withDefault ? ChangeType.REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL
                : ChangeType.REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL;
        } else {
            requirement = ChangeType.OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL;
        }
        changes.add(requirement, "properties", name);
    }

    private static void dependencies(Comparison comparison, ObjectShape original, ObjectShape update, Changes changes) {
        for (String name : union(original.dependentRequired().keySet(), update.dependentRequired().keySet())) {
            Set<String> before = original.dependentRequired().get(name);
            Set<String> after = update.dependentRequired().get(name);
            ChangeType type = null;
            if (after == null) {
                type = ChangeType.DEPENDENCY_ARRAY_REMOVED;
            } else if (before == null) {
                type = ChangeType.DEPENDENCY_ARRAY_ADDED;
            } else if (!before.equals(after)) {
                type = after.containsAll(before) ? ChangeType.DEPENDENCY_ARRAY_EXTENDED
                    : before.containsAll(after) ? ChangeType.DEPENDENCY_ARRAY_NARROWED : ChangeType.DEPENDENCY_ARRAY_CHANGED;
            }
            if (type != null) {
                changes.add(type, "dependencies", name);
            }
        }
        for (String name : union(original.dependentSchemas().keySet(), update.dependentSchemas().keySet())) {
            Shape before = original.dependentSchemas().get(name);
            Shape after = update.dependentSchemas().get(name);
            if (after == null) {
                changes.add(ChangeType.DEPENDENCY_SCHEMA_REMOVED, "dependencies", name);
            } else if (before == null) {
                changes.add(ChangeType.DEPENDENCY_SCHEMA_ADDED, "dependencies", name);
            } else {
                changes.addAll(comparison.compare(before, after), "dependencies", name);
            }
        }
    }

    private static void additionalProperties(Comparison comparison, ObjectShape original, ObjectShape update,
                                             Changes changes) {
        if (original.additionalAllowed() != update.additionalAllowed()) {
            changes.add(update.additionalAllowed() ? ChangeType.ADDITIONAL_PROPERTIES_ADDED
                : ChangeType.ADDITIONAL_PROPERTIES_REMOVED, "additionalProperties");
        } else if (original.additionalSchema() == null && update.additionalSchema() != null) {
            changes.add(ChangeType.ADDITIONAL_PROPERTIES_NARROWED, "additionalProperties");
        } else if (original.additionalSchema() != null && update.additionalSchema() == null) {
            changes.add(ChangeType.ADDITIONAL_PROPERTIES_EXTENDED, "additionalProperties");
        } else {
            changes.addAll(comparison.compare(original.additionalSchema(), update.additionalSchema()),
                "additionalProperties");
        }
    }

    static boolean isOpen(ObjectShape shape) {
        return shape.additionalAllowed() && shape.additionalSchema() == null && shape.patternProperties().isEmpty()
            && (shape.unevaluated() == null || shape.unevaluated() instanceof Anything);
    }

    /** The schema an undeclared property {@code name} must match, or null when it may not come at all. */
    private static Shape partiallyOpenSchema(ObjectShape shape, String name) {
        for (Map.Entry<String, Shape> pattern : shape.patternProperties().entrySet()) {
            if (matches(pattern.getKey(), name)) {
                return pattern.getValue();
            }
        }
        if (shape.additionalSchema() != null) {
            return shape.additionalSchema();
        }
        return shape.additionalAllowed() ? Unevaluated.limitingSchema(shape.unevaluated()) : null;
    }

    private static boolean matches(String regex, String name) {
        try {
            return Pattern.compile(regex).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
