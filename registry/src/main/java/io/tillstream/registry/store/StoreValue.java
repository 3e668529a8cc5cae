package io.tillstream.registry.store;

import io.tillstream.registry.model.Mode;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.SubjectConfig;

/** The value of a {@code _schemas} record other than a tombstone. */
public sealed interface StoreValue {

    record SchemaValue(RegisteredSchema schema) implements StoreValue {
    }

    record ConfigValue(SubjectConfig config) implements StoreValue {
    }

    record ModeValue(Mode mode) implements StoreValue {
    }

    /** Every version of {@code subject} up to {@code version} is soft-deleted. */
    record DeleteSubjectValue(String subject, int version) implements StoreValue {
    }

    record ClearSubjectValue(String subject) implements StoreValue {
    }
}
