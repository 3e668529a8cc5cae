package io.tillstream.registry.schema.json;

import java.util.ArrayList;
import java.util.List;

/** One difference between two schemas, at a path of keywords from the root ({@code ["properties", "a"]}). */
record Change(ChangeType type, List<String> path) {

    Change {
        path = List.copyOf(path);
    }

    /** The same change seen from {@code prefix}, the path of the schemas it was found in. */
    Change under(List<String> prefix) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(path);
        return new Change(type, full);
    }

    /** Where it is, as Confluent writes it: {@code #/properties/a}. */
    String pointer() {
        return "#/" + String.join("/", path);
    }

    /**
     * Confluent's verbose message for it, quotes as Confluent writes them (double, closed by a single
     * one), so that tools matching its answers keep working.
     */
    String message(String reader, String writer) {
        return "{errorType:\"" + type + "\", description:\"" + type.describe(pointer(), reader, writer) + "'}";
    }

    static boolean allCompatible(List<Change> changes) {
        return changes.stream().allMatch(c -> c.type().compatible());
    }
}
