package io.tillstream.registry.store;

/**
 * The key of a {@code _schemas} record. Compaction keeps the last value per key, so each kind of
 * fact has its own key: a subject version, a subject's (or, with a null subject, the global)
 * compatibility level or mode, and the markers for deleting and clearing a subject.
 */
public sealed interface StoreKey {

    /** A version of a subject; its value is a schema, or null once permanently deleted. */
    record SchemaKey(String subject, int version) implements StoreKey {
    }

    /** A compatibility level; a null subject is the global level. */
    record ConfigKey(String subject) implements StoreKey {
    }

    /** A mode; a null subject is the global mode. */
    record ModeKey(String subject) implements StoreKey {
    }

    /** A soft delete of every version of a subject up to the one in its value. */
    record DeleteSubjectKey(String subject) implements StoreKey {
    }

    /** Forget every version of subjects starting with the value's subject (written when entering IMPORT mode). */
    record ClearSubjectKey(String subject) implements StoreKey {
    }

    /** Carries nothing; Confluent wrote these to learn the log's end offset. */
    record NoopKey() implements StoreKey {
    }
}
