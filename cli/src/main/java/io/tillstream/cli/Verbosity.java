package io.tillstream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code -v} option every command takes, and the logging set-up it decides: silent on the
 * terminal by default (commands print what the user needs themselves), logs on standard error with
 * {@code -v} (info) or {@code -vv} (debug), and always into the log file a command names.
 */
public final class Verbosity {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    @Option(names = "-v", description = "Show logs on standard error; repeat (-vv) for debug detail.")
    boolean[] verbose = new boolean[0];

    public boolean verbose() {
        return verbose.length > 0;
    }

    /** Logs to standard error only, and only with -v. */
    public void configure() {
        configure(null);
    }

    /** Logs info and above into {@code logFile} (which must be creatable), and to standard error with -v. */
    public void configure(Path logFile) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level consoleLevel = verbose.length >= 2 ? Level.DEBUG : verbose.length == 1 ? Level.INFO : Level.OFF;
        Level fileLevel = logFile == null ? Level.OFF : Level.INFO;
        root.setLevel(lowest(consoleLevel, fileLevel));
        if (logFile != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.toString());
            attach(context, root, file, "file", fileLevel);
        }
        if (consoleLevel != Level.OFF) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            attach(context, root, console, "console", consoleLevel);
        }
    }

    private static void attach(LoggerContext context, Logger root, OutputStreamAppender<ILoggingEvent> appender,
                               String name, Level threshold) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.addFilter(new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getLevel().isGreaterOrEqual(threshold) ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        });
        appender.start();
        root.addAppender(appender);
    }

    private static Level lowest(Level a, Level b) {
        return a.isGreaterOrEqual(b) ? b : a;
    }
}
