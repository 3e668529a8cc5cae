package io.tillstream.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when the first logger is made (found as a service, before Logback looks for a
 * configuration file): nothing is logged until the command has parsed its options and {@link Verbosity}
 * decides where logs go. A {@code logback.xml} said the same, but Logback's XML configurator loaded an XML
 * parser and 430 classes for it at every start: {@code topics list} took 0.86 s and 1.33 CPU s with it, 0.80 s
 * and 1.24 CPU s without (docs/benchmarks.md).
 *
 * <p>A configuration file named by Logback's own {@code -Dlogback.configurationFile} still configures Logback, as
 * it would without this class: for example for Kafka's own {@code kafka.Kafka} run from this jar.
 */
public final class SilentUntilConfigured extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
