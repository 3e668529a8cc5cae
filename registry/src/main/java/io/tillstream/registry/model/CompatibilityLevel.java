package io.tillstream.registry.model;

/** Which earlier versions a new schema must be compatible with, and in which direction. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the old one. */
    public boolean backward() {
        return backward;
    }

    /** The old schema must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every live version, not just the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level case-insensitively, as Confluent does. */
    public static CompatibilityLevel parse(String name) {
        return Names.parse(CompatibilityLevel.class, name, () -> new RegistryException(ErrorCode.INVALID_COMPATIBILITY_LEVEL,
            "Invalid compatibility level. Valid values are none, backward, forward, full, "
                + "backward_transitive, forward_transitive, and full_transitive"));
    }
}
