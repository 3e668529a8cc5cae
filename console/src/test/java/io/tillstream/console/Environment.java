package io.tillstream.console;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One real Kafka node, a real registry and a console on free ports, shared by every test class of
 * the run (started on first use, closed when the run ends) to keep the suite fast.
 */
public final class Environment implements AutoCloseable {

    private final Path dataDir;
    private final LocalCluster cluster;
    private final SchemaRegistryServer registry;
    private final ControlCenter console;

    private Environment() throws IOException {
        dataDir = Files.createTempDirectory("console-test");
        cluster = TestClusters.start(dataDir.resolve("kafka"), 1);
        registry = SchemaRegistryServer.create(new RegistryConfig(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0")));
        registry.start();
        console = startConsole(Map.of());
    }

    /** A further console on this cluster with {@code settings} on top of the test defaults; the caller closes it. */
    public ControlCenter startConsole(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(Map.of(
            ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsoleConfig.REGISTRY_URL_CONFIG, registry.url(),
            ConsoleConfig.LISTEN_PORT_CONFIG, 0,
            ConsoleConfig.SAMPLE_INTERVAL_MS_CONFIG, 500L));
        props.putAll(settings);
        ControlCenter started = ControlCenter.create(new ConsoleConfig(props));
        started.start();
        return started;
    }

    public ControlCenter console() {
        return console;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        console.close();
        registry.close();
        cluster.close();
    }

    /** Hands test methods the run's environment, starting it on first use; JUnit closes it at the end of the run. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Environment.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Environment.class, k -> {
                    try {
                        return new Environment();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, Environment.class);
        }
    }
}
