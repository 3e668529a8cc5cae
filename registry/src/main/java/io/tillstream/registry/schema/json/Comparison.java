package io.tillstream.registry.schema.json;

import io.tillstream.registry.schema.json.Shape.Anything;
import io.tillstream.registry.schema.json.Shape.ArrayShape;
import io.tillstream.registry.schema.json.Shape.Combined;
import io.tillstream.registry.schema.json.Shape.ConstShape;
import io.tillstream.registry.schema.json.Shape.Criterion;
import io.tillstream.registry.schema.json.Shape.EnumShape;
import io.tillstream.registry.schema.json.Shape.Not;
import io.tillstream.registry.schema.json.Shape.Nothing;
import io.tillstream.registry.schema.json.Shape.NumberShape;
import io.tillstream.registry.schema.json.Shape.ObjectShape;
import io.tillstream.registry.schema.json.Shape.Reference;
import io.tillstream.registry.schema.json.Shape.StringShape;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares an original schema with an update by Confluent's JSON Schema rules: the changes an
 * update makes, each compatible when a reader with the update still accepts all the original
 * accepted. The entry point of the rules; each kind of schema has its own rules class.
 */
final class Comparison {

    /** A pair of shapes, by identity: two equal-looking subschemas may still sit in different places of a recursion. */
    private record Pair(Shape original, Shape update) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pair p && p.original == original && p.update == update;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(original) + System.identityHashCode(update);
        }
    }

    private final Map<Pair, List<Change>> settled = new HashMap<>();
    private final Set<Pair> inProgress = new HashSet<>();
    /** Counts the times a recursion was cut short by assuming compatibility; results that did are not reused. */
    private int assumptions;

    private Comparison() {
    }

    /** Every change from {@code original} to {@code update}, compatible ones included. */
    static List<Change> changes(Shape original, Shape update) {
        return new Comparison().compare(original, update);
    }

    List<Change> compare(Shape original, Shape update) {
        if (original == null && update == null) {
            return List.of();
        }
        Changes changes = new Changes();
        if (original == null) {
            changes.add(ChangeType.SCHEMA_ADDED);
            return changes.list();
        }
        if (update == null) {
            changes.add(ChangeType.SCHEMA_REMOVED);
            return changes.list();
        }
        Pair pair = new Pair(resolved(original), resolved(update));
        List<Change> known = settled.get(pair);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(pair)) {
            // A recursive schema came back to a pair being compared: what it holds is being checked already.
            assumptions++;
            return List.of();
        }
        int assumedBefore = assumptions;
        try {
            List<Change> found = compareResolved(pair.original(), pair.update());
            if (assumptions == assumedBefore) {
                settled.put(pair, found);
            }
            return found;
        } finally {
            inProgress.remove(pair);
        }
    }

    private List<Change> compareResolved(Shape original, Shape update) {
        Changes changes = new Changes();
        if (!(original instanceof Combined) && update instanceof Combined union) {
            List<Change> matched = originalFitsOneOf(original, union);
            if (matched != null) {
                return matched;
            }
        } else if (original instanceof Combined combined && !(update instanceof Combined)) {
            List<Change> matched = oneOfFitsUpdate(combined, update);
            if (matched != null) {
                return matched;
            }
        }
        if (original.getClass() != update.getClass()) {
            if (!(original instanceof Nothing) && !(update instanceof Anything)) {
                changes.add(ChangeType.TYPE_CHANGED);
            }
            return changes.list();
        }
        if (original instanceof StringShape o) {
            ValueRules.strings(o, (StringShape) update, changes);
        } else if (original instanceof NumberShape o) {
            ValueRules.numbers(o, (NumberShape) update, changes);
        } else if (original instanceof EnumShape o) {
            ValueRules.enums(o, (EnumShape) update, changes);
        } else if (original instanceof ConstShape o) {
            if (!o.value().equals(((ConstShape) update).value())) {
                changes.add(ChangeType.ENUM_ARRAY_CHANGED, "const");
            }
        } else if (original instanceof Not o) {
            // What "not" excludes may grow: compare the excluded schemas the other way round.
            boolean narrowed = Change.allCompatible(compare(((Not) update).schema(), o.schema()));
            changes.add(narrowed ? ChangeType.NOT_TYPE_NARROWED : ChangeType.NOT_TYPE_EXTENDED, "not");
        } else if (original instanceof Combined o) {
            CombinedRules.compare(this, o, (Combined) update, changes);
        } else if (original instanceof ObjectShape o) {
            ObjectRules.compare(this, o, (ObjectShape) update, changes);
        } else if (original instanceof ArrayShape o) {
            ArrayRules.compare(this, o, (ArrayShape) update, changes);
        }
        // Anything, nothing, null, boolean and conditionals have nothing more to compare.
        return changes.list();
    }

    /** A plain schema becoming a union that has it as a member (or a one-member union): the union's changes, or null. */
    private List<Change> originalFitsOneOf(Shape original, Combined update) {
        if (update.subschemas().size() == 1) {
            List<Change> changes = compare(original, update.subschemas().get(0));
            return Change.allCompatible(changes) ? changes : null;
        }
        if (update.criterion() == Criterion.ALL_OF) {
            return null;
        }
        for (Shape member : update.subschemas()) {
            if (Change.allCompatible(compare(original, member))) {
                Changes changes = new Changes();
                changes.add(ChangeType.SUM_TYPE_EXTENDED);
                return changes.list();
            }
        }
        return null;
    }

    /** An allOf (or one-member combination) becoming one of its members: the member's changes, or null. */
    private List<Change> oneOfFitsUpdate(Combined original, Shape update) {
        if (original.subschemas().size() == 1) {
            List<Change> changes = compare(original.subschemas().get(0), update);
            return Change.allCompatible(changes) ? changes : null;
        }
        if (original.criterion() != Criterion.ALL_OF) {
            return null;
        }
        for (Shape member : original.subschemas()) {
            if (Change.allCompatible(compare(member, update))) {
                Changes changes = new Changes();
                changes.add(ChangeType.PRODUCT_TYPE_NARROWED);
                return changes.list();
            }
        }
        return null;
    }

    /** The schema a chain of references ends at; a reference to itself stands for anything, as it asserts nothing. */
    private static Shape resolved(Shape shape) {
        Set<Shape> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Shape current = shape;
        while (current instanceof Reference reference) {
            if (!seen.add(current)) {
                return new Anything();
            }
            current = Objects.requireNonNull(reference.target().get());
        }
        return current;
    }
}
