package io.tillstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** The {@code tillstream} command: every subcommand, and the mapping of failures to exit codes. */
@Command(name = "tillstream", mixinStandardHelpOptions = true, versionProvider = Tillstream.Version.class,
    description = "A retail-sales streaming platform on Apache Kafka, in one program.",
    footer = {"", "Exit codes: 0 success, 1 failure, 2 bad command line, 3 Kafka unreachable."})
public final class Tillstream implements Runnable {

    /** The subcommands that run on their own, in the order the help lists them; {@code help} comes last. */
    private static final List<Class<?>> COMMANDS = List.of(UpCommand.class, StatusCommand.class, TopicsCommand.class,
        RegistryCommand.class, SchemasCommand.class, GenerateCommand.class, ConsumeCommand.class, ProcessCommand.class, SinkCommand.class,
        DeadLettersCommand.class,
        DemoCommand.class, ConsoleCommand.class, UsersCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int exitCode = commandLine(args).execute(args);
        System.exit(exitCode);
    }

    /** The command line with every subcommand and Tillstream's error handling. */
    public static CommandLine commandLine() {
        List<Class<?>> all = new ArrayList<>(COMMANDS);
        all.add(CommandLine.HelpCommand.class);
        return withSubcommands(all);
    }

    /**
     * The command line {@code args} need: only the subcommand they name, since picocli reflects over
     * every option of every subcommand it is given and loads what their defaults need (0.3 to 0.7 s of
     * a start on the 2-core reference machine); every subcommand for {@code help}, the root's help, its
     * version or an unknown name.
     */
    static CommandLine commandLine(String... args) {
        for (Class<?> subcommand : COMMANDS) {
            if (args.length > 0 && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                return withSubcommands(List.of(subcommand));
            }
        }
        return commandLine();
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new Tillstream());
        subcommands.forEach(commandLine::addSubcommand);
        // Set after the subcommands are added: picocli hands these only to the subcommands present.
        ErrorHandler errors = new ErrorHandler();
        return commandLine.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
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
