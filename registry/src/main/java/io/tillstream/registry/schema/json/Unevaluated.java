package io.tillstream.registry.schema.json;

import io.tillstream.registry.schema.json.Shape.Anything;
import io.tillstream.registry.schema.json.Shape.Nothing;

/**
 * {@code unevaluatedProperties} and {@code unevaluatedItems} compared: {@code false} forbids,
 * absent or {@code true} allows anything, a schema limits.
 */
enum Unevaluated {
    PROPERTIES("unevaluatedProperties", ChangeType.UNEVALUATED_PROPERTIES_ADDED,
        ChangeType.UNEVALUATED_PROPERTIES_REMOVED, ChangeType.UNEVALUATED_PROPERTIES_EXTENDED,
        ChangeType.UNEVALUATED_PROPERTIES_NARROWED),
    ITEMS("unevaluatedItems", ChangeType.UNEVALUATED_ITEMS_ADDED, ChangeType.UNEVALUATED_ITEMS_REMOVED,
        ChangeType.UNEVALUATED_ITEMS_EXTENDED, ChangeType.UNEVALUATED_ITEMS_NARROWED);

    private final String keyword;
    /** Named as Confluent names them: "added" when the update allows again what the original forbade. */
    private final ChangeType added;
    private final ChangeType removed;
    private final ChangeType extended;
    private final ChangeType narrowed;

    Unevaluated(String keyword, ChangeType added, ChangeType removed, ChangeType extended, ChangeType narrowed) {
        this.keyword = keyword;
        this.added = added;
        this.removed = removed;
        this.extended = extended;
        this.narrowed = narrowed;
    }

    /** @param original the original's keyword, null when absent */
    void compare(Comparison comparison, Shape original, Shape update, Changes changes) {
        if (original == null && update == null) {
            return;
        }
        ChangeType type;
        if (original == null) {
            type = update instanceof Nothing ? removed : narrowed;
        } else if (update == null) {
            type = original instanceof Nothing ? added : extended;
        } else if (original instanceof Nothing != update instanceof Nothing) {
            type = original instanceof Nothing ? added : removed;
        } else if (original instanceof Anything != update instanceof Anything) {
            type = original instanceof Anything ? narrowed : extended;
        } else {
            changes.addAll(comparison.compare(original, update), keyword);
            return;
        }
        changes.add(type, keyword);
    }

    /** The schema that an unevaluated-keyword value limits undeclared members to, or null if it forbids none or all. */
    static Shape limitingSchema(Shape unevaluated) {
        return unevaluated == null || unevaluated instanceof Nothing || unevaluated instanceof Anything ? null : unevaluated;
    }
}
