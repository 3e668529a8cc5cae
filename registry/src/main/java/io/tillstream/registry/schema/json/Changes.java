package io.tillstream.registry.schema.json;

import java.util.ArrayList;
import java.util.List;

/** The changes found while comparing one pair of schemas, paths relative to that pair. */
final class Changes {

    private final List<Change> found = new ArrayList<>();

    void add(ChangeType type, String... path) {
        found.add(new Change(type, List.of(path)));
    }

    /** Adds changes found between two subschemas at {@code path}. */
    void addAll(List<Change> changes, String... path) {
        changes.forEach(c -> found.add(c.under(List.of(path))));
    }

    List<Change> list() {
        return List.copyOf(found);
    }
}
