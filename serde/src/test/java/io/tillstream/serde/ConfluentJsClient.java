package io.tillstream.serde;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confluent's official JavaScript Schema Registry client and serdes ({@code @confluentinc/schemaregistry}
 * from the npm registry), installed under {@code target/npm-interop} once, where
 * {@link ConfluentJsInteropTest} installs it too, and node scripts run against it.
 */
final class ConfluentJsClient {

    /** Pinned so that the tests always talk to the same client. */
    static final String PACKAGE = "@confluentinc/schemaregistry";
    static final String VERSION = "1.10.1";

    private static final Path NPM_DIR = Path.of("target", "npm-interop").toAbsolutePath();
    private static final int SCRIPT_TIMEOUT_SECONDS = 60;

    /** What a script did: its exit code and its two outputs. */
    record Outcome(int exitCode, String stdout, String stderr) {

        /** The standard output of a script that succeeded; else the test fails with its error output. */
        String stdoutIfSucceeded() {
            assertThat(exitCode).as("the script failed:\n" + stderr).isZero();
            return stdout;
        }
    }

    private ConfluentJsClient() {
    }

    static boolean nodeAndNpmAvailable() {
        return runs("node", "--version") && runs("npm", "--version");
    }

    /** Installs the pinned package unless that version is already there. */
    static void install() throws Exception {
        if (installedVersion().equals(VERSION)) {
            return;
        }
        Files.createDirectories(NPM_DIR);
        // A package.json of its own keeps npm from adopting a project further up the tree.
        Files.writeString(NPM_DIR.resolve("package.json"), "{\"name\":\"tillstream-npm-interop\",\"private\":true}\n");
        run(300, "npm", "install", "--no-audit", "--no-fund", "--no-save", PACKAGE + "@" + VERSION).stdoutIfSucceeded();
        assertThat(installedVersion()).as(PACKAGE + " installed").isEqualTo(VERSION);
    }

    /** Runs {@code node script args...} with the package on its module path. */
    static Outcome node(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        return run(SCRIPT_TIMEOUT_SECONDS, command.toArray(String[]::new));
    }

    private static String installedVersion() throws IOException {
        Path packageJson = NPM_DIR.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        return Files.exists(packageJson) ? new ObjectMapper().readTree(packageJson.toFile()).path("version").asText() : "";
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Outcome run(int timeoutSeconds, String... command) throws Exception {
        Path stdout = Files.createTempFile("interop", ".out");
        Path stderr = Files.createTempFile("interop", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(NPM_DIR.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().put("NODE_PATH", NPM_DIR.resolve("node_modules").toString());
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Outcome(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
