package io.tillstream.console;

import io.tillstream.registry.testing.KafkaWithRegistry;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One real Kafka node and a real registry ({@link KafkaWithRegistry}) and a console on free ports,
 * shared by every test class of the run (started on first use, closed when the run ends) to keep the
 * suite fast.
 */
public final class Environment implements AutoCloseable {

    private final KafkaWithRegistry platform;
    private final ControlCenter console;

    private Environment() {
        platform = KafkaWithRegistry.start();
        try {
            console = startConsole(Map.of());
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** A further console on this cluster with {@code settings} on top of the test defaults; the caller closes it. */
    public ControlCenter startConsole(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(Map.of(
            ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
            ConsoleConfig.REGISTRY_URL_CONFIG, platform.registryUrl(),
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
        return platform.bootstrapServers();
    }

    public String registryUrl() {
        return platform.registryUrl();
    }

    public Path dataDir() {
        return platform.dataDir();
    }

    @Override
    public void close() {
        console.close();
        platform.close();
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
                .getOrComputeIfAbsent(Environment.class, k -> new Environment(), Environment.class);
        }
    }
}
