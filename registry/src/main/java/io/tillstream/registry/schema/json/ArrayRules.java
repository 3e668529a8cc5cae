package io.tillstream.registry.schema.json;

import io.tillstream.registry.schema.json.Shape.Anything;
import io.tillstream.registry.schema.json.Shape.ArrayShape;
import io.tillstream.registry.schema.json.Shape.Nothing;

import java.util.List;

/**
 * Confluent's rules for arrays. Positional items (tuples) follow the same content models as
 * object properties: after the tuple an open array takes anything, a closed one nothing, a
 * partially open one items of a schema.
 */
final class ArrayRules {

    private ArrayRules() {
    }

    static void compare(Comparison comparison, ArrayShape original, ArrayShape update, Changes changes) {
        changes.addAll(comparison.compare(original.items(), update.items()), "items");
        tuple(comparison, original, update, changes);
        additionalItems(comparison, original, update, changes);
        Unevaluated.ITEMS.compare(comparison, original.unevaluated(), update.unevaluated(), changes);
        Limits.MAX_ITEMS.compare(original.maxItems(), update.maxItems(), changes);
        Limits.MIN_ITEMS.compare(original.minItems(), update.minItems(), changes);
        if (original.uniqueItems() != update.uniqueItems()) {
            changes.add(original.uniqueItems() ? ChangeType.UNIQUE_ITEMS_REMOVED : ChangeType.UNIQUE_ITEMS_ADDED,
                "uniqueItems");
        }
        Limits.MAX_CONTAINS.compare(original.maxContains(), update.maxContains(), changes);
        Limits.MIN_CONTAINS.compare(original.minContains(), update.minContains(), changes);
    }

    private static void tuple(Comparison comparison, ArrayShape original, ArrayShape update, Changes changes) {
        List<Shape> before = original.tuple();
        List<Shape> after = update.tuple();
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            String at = "items/" + i;
            if (i < before.size() && i < after.size()) {
                changes.addAll(comparison.compare(before.get(i), after.get(i)), at);
            } else if (i < before.size()) {
                removed(comparison, at, before.get(i), update, changes);
            } else {
                added(comparison, at, after.get(i), original, changes);
            }
        }
    }

    private static void removed(Comparison comparison, String at, Shape item, ArrayShape update, Changes changes) {
        if (isOpen(update)) {
            changes.add(ChangeType.ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL, at);
            return;
        }
        Shape covering = partiallyOpenSchema(update);
        if (covering != null) {
            List<Change> found = comparison.compare(item, covering);
            changes.addAll(found, at);
            changes.add(Change.allCompatible(found) ? ChangeType.ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                : ChangeType.ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, at);
        } else {
            changes.add(item instanceof Nothing ? ChangeType.ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL
                : ChangeType.ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL, at);
        }
    }

    private static void added(Comparison comparison, String at, Shape item, ArrayShape original, Changes changes) {
        if (isOpen(original)) {
            changes.add(item instanceof Anything ? ChangeType.ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL
                : ChangeType.ITEM_ADDED_TO_OPEN_CONTENT_MODEL, at);
            return;
        }
        Shape covering = partiallyOpenSchema(original);
        if (covering != null) {
            List<Change> found = comparison.compare(covering, item);
            changes.addAll(found, at);
            changes.add(Change.allCompatible(found) ? ChangeType.ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                : ChangeType.ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, at);
        } else {
            changes.add(ChangeType.ITEM_ADDED_TO_CLOSED_CONTENT_MODEL, at);
        }
    }

    private static void additionalItems(Comparison comparison, ArrayShape original, ArrayShape update, Changes changes) {
        if (original.additionalAllowed() != update.additionalAllowed()) {
            changes.add(original.additionalAllowed() ? ChangeType.ADDITIONAL_ITEMS_REMOVED
                : ChangeType.ADDITIONAL_ITEMS_ADDED, "additionalItems");
        } else if (original.additionalSchema() == null && update.additionalSchema() != null) {
            changes.add(ChangeType.ADDITIONAL_ITEMS_NARROWED, "additionalItems");
        } else if (original.additionalSchema() != null && update.additionalSchema() == null) {
            changes.add(ChangeType.ADDITIONAL_ITEMS_EXTENDED, "additionalItems");
        } else {
            changes.addAll(comparison.compare(original.additionalSchema(), update.additionalSchema()), "additionalItems");
        }
    }

    private static boolean isOpen(ArrayShape shape) {
        return shape.additionalAllowed() && shape.additionalSchema() == null
            && (shape.unevaluated() == null || shape.unevaluated() instanceof Anything);
    }

    private static Shape partiallyOpenSchema(ArrayShape shape) {
        if (shape.additionalSchema() != null) {
            return shape.additionalSchema();
        }
        return shape.additionalAllowed() ? Unevaluated.limitingSchema(shape.unevaluated()) : null;
    }
}
