package io.tillstream.cli;

import io.tillstream.cluster.ClusterException;
import io.tillstream.console.ConsoleStartException;
import io.tillstream.registry.RegistryStartException;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * The one place where failures become what the user sees: a single line on standard error and an
 * {@link ExitCode}. A stack trace appears only for a failure we did not anticipate, and only with -v.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof CommandFailedException failed) {
            err.println("error: " + failed.getMessage());
            return failed.exitCode();
        }
        if (e instanceof RegistryStartException start && start.kafkaOutOfReach()) {
            err.println("error: " + e.getMessage());
            return ExitCode.UNREACHABLE;
        }
        if (e instanceof ClusterException || e instanceof RegistryStartException || e instanceof ConsoleStartException) {
            err.println("error: " + e.getMessage());
            return ExitCode.FAILED;
        }
        if (e instanceof RegistryConnectionException) {
            err.println("error: " + e.getMessage());
            return ExitCode.UNREACHABLE;
        }
        if (e instanceof RegistryClientException registry) {
            err.println("error: " + registry.registryMessage() + " (error code " + registry.errorCode() + ")");
            return ExitCode.FAILED;
        }
        if (e instanceof ConfigException config) {
            err.println("error: " + config.getMessage());
            return ExitCode.USAGE;
        }
        err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
            + (verbose(parseResult) ? "" : " (run again with -v for details)"));
        if (verbose(parseResult)) {
            e.printStackTrace(err);
        }
        return ExitCode.FAILED;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult sub = parseResult; sub != null; sub = sub.subcommand()) {
            if (sub.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }
}
