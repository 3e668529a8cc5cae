package io.tillstream.registry.model;

/** Whether a subject (or the whole registry) takes writes, and whether imports keep their own IDs. */
public enum Mode {
    READWRITE,
    READONLY,
    /** Registers schemas with the ID and version the client gives, for migrating from another registry. */
    IMPORT;

    /** Parses a mode case-insensitively. */
    public static Mode parse(String name) {
        return Names.parse(Mode.class, name, () -> new RegistryException(ErrorCode.INVALID_MODE,
            "Invalid mode. Valid values are READWRITE, READONLY and IMPORT."));
    }
}
