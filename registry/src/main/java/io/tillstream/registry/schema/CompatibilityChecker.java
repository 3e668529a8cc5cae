package io.tillstream.registry.schema;

import io.tillstream.registry.model.CompatibilityLevel;
import io.tillstream.registry.schema.ParsedSchema.Direction;

import java.util.ArrayList;
import java.util.List;

/** Applies a compatibility level: which earlier versions a new schema is checked against, and in which directions. */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /** An earlier version to check against. */
    public record Previous(int version, ParsedSchema schema) {
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
    public static List<String> check(ParsedSchema candidate, List<Previous> previous, CompatibilityLevel level) {
        List<Previous> checked = inScope(previous, level);
        for (int i = checked.size() - 1; i >= 0; i--) {
            Previous old = checked.get(i);
            List<String> messages = new ArrayList<>();
            if (!old.schema().schemaType().equals(candidate.schemaType())) {
                messages.add("{errorType:'TYPE_MISMATCH', description:'Incompatible because of different schema type'}");
            } else {
                if (level.backward()) {
                    messages.addAll(candidate.incompatibilities(old.schema(), Direction.BACKWARD));
                }
                if (level.forward()) {
                    messages.addAll(candidate.incompatibilities(old.schema(), Direction.FORWARD));
                }
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema().canonical() + "'}");
                messages.add("{validateFields: 'false', compatibility: '" + level + "'}");
                return messages;
            }
        }
        return List.of();
    }
}
