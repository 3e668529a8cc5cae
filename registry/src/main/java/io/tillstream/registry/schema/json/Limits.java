package io.tillstream.registry.schema.json;

import java.math.BigDecimal;

/**
 * A numeric keyword (a length, a count, a bound) compared between two schemas: added, removed,
 * raised or lowered, each named by the keyword's own change types.
 */
record Limits(String keyword, ChangeType added, ChangeType removed, ChangeType increased, ChangeType decreased) {

    static final Limits MAX_LENGTH = new Limits("maxLength", ChangeType.MAX_LENGTH_ADDED,
        ChangeType.MAX_LENGTH_REMOVED, ChangeType.MAX_LENGTH_INCREASED, ChangeType.MAX_LENGTH_DECREASED);
    static final Limits MIN_LENGTH = new Limits("minLength", ChangeType.MIN_LENGTH_ADDED,
        ChangeType.MIN_LENGTH_REMOVED, ChangeType.MIN_LENGTH_INCREASED, ChangeType.MIN_LENGTH_DECREASED);
    static final Limits MAXIMUM = new Limits("maximum", ChangeType.MAXIMUM_ADDED,
        ChangeType.MAXIMUM_REMOVED, ChangeType.MAXIMUM_INCREASED, ChangeType.MAXIMUM_DECREASED);
    static final Limits MINIMUM = new Limits("minimum", ChangeType.MINIMUM_ADDED,
        ChangeType.MINIMUM_REMOVED, ChangeType.MINIMUM_INCREASED, ChangeType.MINIMUM_DECREASED);
    static final Limits EXCLUSIVE_MAXIMUM = new Limits("exclusiveMaximum", ChangeType.EXCLUSIVE_MAXIMUM_ADDED,
        ChangeType.EXCLUSIVE_MAXIMUM_REMOVED, ChangeType.EXCLUSIVE_MAXIMUM_INCREASED,
        ChangeType.EXCLUSIVE_MAXIMUM_DECREASED);
    static final Limits EXCLUSIVE_MINIMUM = new Limits("exclusiveMinimum", ChangeType.EXCLUSIVE_MINIMUM_ADDED,
        ChangeType.EXCLUSIVE_MINIMUM_REMOVED, ChangeType.EXCLUSIVE_MINIMUM_INCREASED,
        ChangeType.EXCLUSIVE_MINIMUM_DECREASED);
    static final Limits MAX_PROPERTIES = new Limits("maxProperties", ChangeType.MAX_PROPERTIES_ADDED,
        ChangeType.MAX_PROPERTIES_REMOVED, ChangeType.MAX_PROPERTIES_INCREASED, ChangeType.MAX_PROPERTIES_DECREASED);
    static final Limits MIN_PROPERTIES = new Limits("minProperties", ChangeType.MIN_PROPERTIES_ADDED,
        ChangeType.MIN_PROPERTIES_REMOVED, ChangeType.MIN_PROPERTIES_INCREASED, ChangeType.MIN_PROPERTIES_DECREASED);
    static final Limits MAX_ITEMS = new Limits("maxItems", ChangeType.MAX_ITEMS_ADDED,
        ChangeType.MAX_ITEMS_REMOVED, ChangeType.MAX_ITEMS_INCREASED, ChangeType.MAX_ITEMS_DECREASED);
    static final Limits MIN_ITEMS = new Limits("minItems", ChangeType.MIN_ITEMS_ADDED,
        ChangeType.MIN_ITEMS_REMOVED, ChangeType.MIN_ITEMS_INCREASED, ChangeType.MIN_ITEMS_DECREASED);
    static final Limits MAX_CONTAINS = new Limits("maxContains", ChangeType.MAX_CONTAINS_ADDED,
        ChangeType.MAX_CONTAINS_REMOVED, ChangeType.MAX_CONTAINS_INCREASED, ChangeType.MAX_CONTAINS_DECREASED);
    static final Limits MIN_CONTAINS = new Limits("minContains", ChangeType.MIN_CONTAINS_ADDED,
        ChangeType.MIN_CONTAINS_REMOVED, ChangeType.MIN_CONTAINS_INCREASED, ChangeType.MIN_CONTAINS_DECREASED);

    void compare(Integer original, Integer update, Changes changes) {
        compare(original == null ? null : BigDecimal.valueOf(original), update == null ? null : BigDecimal.valueOf(update),
            changes);
    }

    void compare(BigDecimal original, BigDecimal update, Changes changes) {
        if (original == null && update == null) {
            return;
        }
        if (original == null) {
            changes.add(added, keyword);
        } else if (update == null) {
            changes.add(removed, keyword);
        } else if (original.compareTo(update) < 0) {
            changes.add(increased, keyword);
        } else if (original.compareTo(update) > 0) {
            changes.add(decreased, keyword);
        }
    }
}
