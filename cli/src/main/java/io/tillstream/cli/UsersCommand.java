package io.tillstream.cli;

import io.tillstream.security.StoredPassword;
import io.tillstream.security.User;
import io.tillstream.security.UsersFile;
import io.tillstream.security.UsersFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tillstream users add}: the users file every server and Kafka take. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage the users file (" + "Jetty's "
    + "'name: password[,role...]' lines) that up, registry, console and process take with --users-file.",
    subcommands = UsersCommand.Add.class)
final class UsersCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a user, or replace the user's line, with a bcrypt-hashed password (BCRYPT:).",
            "The password is asked on the terminal, twice; without a terminal it is the first line of standard input."
                + " A hashed password signs in to HTTP only: Kafka's SCRAM users need it readable (see up --users-file)."})
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", defaultValue = User.VIEWER,
            description = "admin (everything) or viewer (reads only); repeat for several (default: ${DEFAULT-VALUE}).")
        List<String> roles;

        @Option(names = "--file", paramLabel = "FILE", defaultValue = "users.properties",
            description = "The users file, created if missing, readable by its owner only (default: ${DEFAULT-VALUE}).")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String password = readPassword();
            try {
                UsersFile.put(file, name, StoredPassword.bcrypt(password), roles);
            } catch (UsersFileException e) {
                throw new CommandFailedException(e.getMessage(), ExitCode.USAGE);
            }
            spec.commandLine().getOut().printf("User %s (%s) written to %s.%n", name, String.join(", ", roles), file);
            return ExitCode.OK;
        }

        private String readPassword() {
            Console console = System.console();
            String password;
            if (console != null) {
                char[] first = console.readPassword("Password for %s: ", name);
                char[] again = console.readPassword("Again: ");
                if (first == null || !Arrays.equals(first, again)) {
                    throw new CommandFailedException("The two passwords differ; nothing was written", ExitCode.USAGE);
                }
                password = new String(first);
                Arrays.fill(first, ' ');
                Arrays.fill(again, ' ');
            } else {
                try {
                    password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    throw new CommandFailedException("Cannot read the password from standard input: " + e.getMessage(),
                        ExitCode.FAILED);
                }
            }
            if (password == null || password.isEmpty()) {
                throw new CommandFailedException("No password given; nothing was written", ExitCode.USAGE);
            }
            return password;
        }
    }
}
