package io.tillstream.serde;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One node script of ours run against Confluent's JavaScript client ({@link ConfluentJsClient}). */
final class ConfluentJsNode {

    private final Path script;

    private ConfluentJsNode(Path script) {
        this.script = script;
    }

    /** Installs the client unless it is there already; skips the calling test where node or npm is missing. */
    static ConfluentJsNode install(String scriptName) throws Exception {
        assumeTrue(ConfluentJsClient.nodeAndNpmAvailable(),
            "node and npm are not installed: skipping the interoperability test with Confluent's JavaScript client");
        ConfluentJsClient.install();
        return new ConfluentJsNode(Path.of("src", "test", "js", scriptName).toAbsolutePath());
    }

    /** Runs the script with {@code args}, returning what it printed; fails with what it printed on error. */
    String run(String... args) throws Exception {
        return ConfluentJsClient.node(script, args).stdoutIfSucceeded().trim();
    }
}
