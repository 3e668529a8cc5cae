package io.tillstream.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {

    @Test
    void everyCommandAnswersHelpWithItsUsageAndExitCodeZero() {
        List<List<String>> paths = new ArrayList<>();
        collect(Tillstream.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(10);

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
            assertThat(result.out()).as(String.join(" ", args)).startsWith("Usage: tillstream");
        }
    }

    @Test
    void helpNamesAnyCommand() {
        Cli.Result result = Cli.run("help", "up");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: tillstream up");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> subPath = new ArrayList<>(path);
                subPath.add(name);
                collect(sub, subPath, paths);
            }
        });
    }
}
