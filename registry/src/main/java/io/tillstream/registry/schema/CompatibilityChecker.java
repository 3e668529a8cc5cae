package io.tillstream.registry.schema;

import io.tillstream.registry.model.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides compatibility with Avro's own {@link SchemaCompatibility} and words each problem as
 * Confluent does, so that tools parsing its verbose answers keep working.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /** An earlier version to check against. */
    public record Previous(int version, Schema schema) {
    }

    /**
     * The versions {@code level} compares a new schema with, oldest first: none under NONE, every one
     * under a transitive level, else the latest. Callers can parse just these.
     */
    public static <T> List<T> inScope(List<T> versions, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return List.of();
        }
        return level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
    }

    /**
     * The problems with {@code candidate} under {@code level}, empty if it is compatible.
     *
     * @param previous the live versions, oldest first
     */
    public static List<String> check(Schema candidate, List<Previous> previous, CompatibilityLevel level) {
        List<Previous> checked = inScope(previous, level);
        for (int i = checked.size() - 1; i >= 0; i--) {
            Previous old = checked.get(i);
            List<String> messages = new ArrayList<>();
            if (level.backward()) {
                messages.addAll(problems(candidate, old.schema(), "new", "old"));
            }
            if (level.forward()) {
                messages.addAll(problems(old.schema(), candidate, "old", "new"));
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema() + "'}");
                messages.add("{validateFields: 'false', compatibility: '" + level + "'}");
                return messages;
            }
        }
        return List.of();
    }

    private static List<String> problems(Schema reader, Schema writer, String readerName, String writerName) {
        List<String> messages = new ArrayList<>();
        for (Incompatibility problem : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + problem.getType() + "', description:'"
                + describe(problem, readerName, writerName) + "', additionalInfo:'" + problem.getMessage() + "'}");
        }
        return messages;
    }

    private static String describe(Incompatibility problem, String reader, String writer) {
        String path = problem.getLocation();
        return switch (problem.getType()) {
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the " + reader
                + " schema does not match with the " + writer + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
                + " schema does not match with the " + writer + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + problem.getMessage()
                + "' at path '" + path + "' in the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                + path + "' in the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + problem.getMessage() + "' at path '" + path
                + "' in the " + reader + " schema has no default value and is missing in the " + writer + " schema";
        };
    }
}
