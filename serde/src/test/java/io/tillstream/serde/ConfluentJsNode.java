package io.tillstream.serde;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Confluent's JavaScript client ({@code @confluentinc/schemaregistry} from the npm registry) in the
 * npm directory the Avro interoperability test installs it in, and a script of ours run with it.
 */
final class ConfluentJsNode {

    /** Pinned so that the tests always talk to the same client. */
    static final String PACKAGE = "@confluentinc/schemaregistry";
    static final String VERSION = "1.10.1";

    private static final Path NPM_DIR = Path.of("target", "npm-interop").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;

    private ConfluentJsNode(Path script) {
        this.script = script;
    }

    /** Installs the client unless it is there already; skips the calling test where node or npm is missing. */
    static ConfluentJsNode install(String scriptName) throws Exception {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"),
            "node and npm are not installed: skipping the interoperability test with Confluent's JavaScript client");
        if (!installedVersion().equals(VERSION)) {
            Files.createDirectories(NPM_DIR);
            // A package.json of its own keeps npm from adopting a project further up the tree.
            Files.writeString(NPM_DIR.resolve("package.json"), "{\"name\":\"tillstream-npm-interop\",\"private\":true}\n");
            run(300, "npm", "install", "--no-audit", "--no-fund", "--no-save", PACKAGE + "@" + VERSION);
            assertThat(installedVersion()).as(PACKAGE + " installed").isEqualTo(VERSION);
        }
        return new ConfluentJsNode(Path.of("src", "test", "js", scriptName).toAbsolutePath());
    }

    /** Runs the script with {@code args}, returning what it printed; fails with what it printed on error. */
    String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        return run(60, command.toArray(String[]::new)).trim();
    }

    private static String installedVersion() throws IOException {
        Path packageJson = NPM_DIR.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        return Files.exists(packageJson) ? JSON.readTree(packageJson.toFile()).path("version").asText() : "";
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

    private static String run(int timeoutSeconds, String... command) throws Exception {
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
            assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + Files.readString(stderr)).isZero();
            return Files.readString(stdout);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
