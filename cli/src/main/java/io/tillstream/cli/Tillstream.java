package io.tillstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tillstream} command: every subcommand, and the mapping of failures to exit codes. */
@Command(name = "tillstream", mixinStandardHelpOptions = true, versionProvider = Tillstream.Version.class,
    description = "A retail-sales streaming platform on Apache Kafka, in one program.",
    subcommands = {UpCommand.class, StatusCommand.class, TopicsCommand.class, RegistryCommand.class, SchemasCommand.class, GenerateCommand.class, ConsumeCommand.class, ProcessCommand.class, DemoCommand.class, ConsoleCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 failure, 2 bad command line, 3 Kafka unreachable."})
public final class Tillstream implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        System.exit(exitCode);
    }

    /** The command line with Tillstream's error handling, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new Tillstream())
            .setExecutionExceptionHandler(errors)
            .setParameterExceptionHandler(errors);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Tillstream.class.getPackage().getImplementationVersion();
            return new String[] {"tillstream " + (version == null ? "(development build)" : version)
                + ", Apache Kafka " + KafkaVersion.current()};
        }
    }
}
