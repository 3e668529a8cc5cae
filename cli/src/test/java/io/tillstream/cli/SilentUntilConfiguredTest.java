package io.tillstream.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Logback's start-up configuration through its real service lookup, as the jar's first logger gets it. */
class SilentUntilConfiguredTest {

    @TempDir
    Path work;

    @AfterEach
    void forgetTheConfigurationFile() {
        System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    }

    @Test
    void withoutAConfigurationFileNothingIsLoggedUntilACommandDecides() throws Exception {
        LoggerContext context = autoConfigured();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.OFF);
        assertThat(root.iteratorForAppenders()).isExhausted();
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineConfiguresLogback() throws Exception {
        Path file = Files.writeString(work.resolve("logback.xml"), """
            <configuration>
              <appender name="given" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="given"/></root>
            </configuration>
            """);
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, file.toString());

        LoggerContext context = autoConfigured();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("given")).isNotNull();
    }

    private static LoggerContext autoConfigured() throws Exception {
        LoggerContext context = new LoggerContext();
        new ContextInitializer(context).autoConfig();
        return context;
    }
}
