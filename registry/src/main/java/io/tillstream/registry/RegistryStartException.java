package io.tillstream.registry;

/** The registry could not start: its port is taken, Kafka is out of reach, or the {@code _schemas} topic is unusable. */
public final class RegistryStartException extends RuntimeException {

    private final boolean kafkaOutOfReach;

    RegistryStartException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private RegistryStartException(String message, Throwable cause, boolean kafkaOutOfReach) {
        super(message, cause);
        this.kafkaOutOfReach = kafkaOutOfReach;
    }

    static RegistryStartException kafkaOutOfReach(String message, Throwable cause) {
        return new RegistryStartException(message, cause, true);
    }

    /** True when Kafka did not answer in time, as opposed to a start that Kafka refused or a port that was taken. */
    public boolean kafkaOutOfReach() {
        return kafkaOutOfReach;
    }
}
