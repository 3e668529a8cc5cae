package io.tillstream.console.schemas;

import java.util.List;

/** The lines that turn one version of a subject into another, both laid out alike ({@link SchemaText}). */
record SchemaDiff(String subject, Side from, Side to, int added, int removed, List<LineDiff.Line> lines) {

    /** A version and its schema ID. */
    record Side(int version, int id) {
    }

    static SchemaDiff of(SchemaVersion from, SchemaVersion to) {
        List<LineDiff.Line> lines = LineDiff.diff(from.schema().lines().toList(), to.schema().lines().toList());
        return new SchemaDiff(from.subject(), new Side(from.version(), from.id()), new Side(to.version(), to.id()),
            count(lines, "added"), count(lines, "removed"), lines);
    }

    private static int count(List<LineDiff.Line> lines, String kind) {
        return (int) lines.stream().filter(line -> line.kind().equals(kind)).count();
    }
}
