package io.tillstream.registry.schema.json;

import io.tillstream.registry.schema.json.Shape.Combined;
import io.tillstream.registry.schema.json.Shape.Criterion;

import java.util.List;

/**
 * Confluent's rules for allOf, anyOf and oneOf: the criterion may only loosen, and every
 * subschema of the smaller side must be matched one to one with a compatible subschema of the other.
 */
final class CombinedRules {

    private CombinedRules() {
    }

    static void compare(Comparison comparison, Combined original, Combined update, Changes changes) {
        if (original.criterion() != update.criterion()) {
            if (!loosened(original, update)) {
                changes.add(ChangeType.COMBINED_TYPE_CHANGED);
                return;
            }
            changes.add(ChangeType.COMBINED_TYPE_EXTENDED);
        }
        List<Shape> before = original.subschemas();
        List<Shape> after = update.subschemas();
        if (before.size() < after.size()) {
            changes.add(update.criterion() == Criterion.ALL_OF ? ChangeType.PRODUCT_TYPE_EXTENDED
                : ChangeType.SUM_TYPE_EXTENDED);
        } else if (before.size() > after.size()) {
            changes.add(original.criterion() == Criterion.ALL_OF ? ChangeType.PRODUCT_TYPE_NARROWED
                : ChangeType.SUM_TYPE_NARROWED);
        }
        boolean[][] compatible = new boolean[before.size()][after.size()];
        for (int i = 0; i < before.size(); i++) {
            for (int j = 0; j < after.size(); j++) {
                compatible[i][j] = Change.allCompatible(comparison.compare(before.get(i), after.get(j)));
            }
        }
        if (Matching.maximum(compatible) < Math.min(before.size(), after.size())) {
            changes.add(ChangeType.COMBINED_TYPE_SUBSCHEMAS_CHANGED);
        }
    }

    /** Whether the update's criterion accepts at least what the original's did, for these subschema counts. */
    private static boolean loosened(Combined original, Combined update) {
        boolean singleBefore = original.subschemas().size() == 1;
        boolean singleAfter = update.subschemas().size() == 1;
        return update.criterion() == Criterion.ANY_OF
            || singleBefore && singleAfter
            || singleBefore && update.criterion() == Criterion.ONE_OF
            || singleAfter && original.criterion() == Criterion.ALL_OF;
    }
}
