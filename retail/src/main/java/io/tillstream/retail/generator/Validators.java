package io.tillstream.retail.generator;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators for settings that may be left unset, which Kafka's own ranges refuse. */
final class Validators {

    private Validators() {
    }

    /** Unset, or a whole number of at least {@code min}. */
    static ConfigDef.Validator optionalAtLeast(long min) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && ((Number) value).longValue() < min) {
                throw new ConfigException(name, value, "must be at least " + min);
            }
        }, () -> "unset, or at least " + min);
    }

    /** Unset, or a number above zero. */
    static ConfigDef.Validator optionalPositive() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && !(((Number) value).doubleValue() > 0)) {
                throw new ConfigException(name, value, "must be above 0");
            }
        }, () -> "unset, or above 0");
    }
}
