package io.tillstream.pipeline.query;

import io.tillstream.pipeline.Totals;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An HTTP answer of totals per group, in the order the endpoint promises. */
public record Rows(List<Row> rows) {

    /** Highest revenue first, then by key, so equal revenues come in a stable order. */
    static final Comparator<Row> BY_REVENUE = Comparator.comparing(Row::revenue).reversed().thenComparing(Row::key);
    /** Keys that are ISO dates or instants sort in time order. */
    static final Comparator<Row> BY_KEY = Comparator.comparing(Row::key);

    static Rows of(Map<String, Totals> groups, Comparator<Row> order, int limit) {
        return new Rows(unordered(groups).rows().stream().sorted(order).limit(limit).toList());
    }

    /** For an answer that is merged, not shown: its order would be thrown away. */
    static Rows unordered(Map<String, Totals> groups) {
        return new Rows(groups.entrySet().stream().map(entry -> Row.of(entry.getKey(), entry.getValue())).toList());
    }

    /** The groups of several instances' answers, summed where an answer repeats a group. */
    static Map<String, Totals> merge(List<Rows> answers) {
        Map<String, Totals> groups = new HashMap<>();
        for (Rows answer : answers) {
            for (Row row : answer.rows()) {
                groups.merge(row.key(), row.totals(), Totals::plus);
            }
        }
        return groups;
    }
}
