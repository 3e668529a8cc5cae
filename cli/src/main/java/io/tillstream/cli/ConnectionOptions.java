package io.tillstream.cli;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a command reaches Kafka, named as Kafka's own tools name it, so that the same command serves
 * the embedded cluster and any existing one (SASL/SSL settings go in the {@code --command-config} file).
 */
public final class ConnectionOptions {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]", defaultValue = DEFAULT_BOOTSTRAP,
        description = "Kafka to connect to (default: ${DEFAULT-VALUE}, the cluster 'tillstream up' starts).")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
        description = "Kafka client properties file, e.g. security.protocol, sasl.* and ssl.* settings.")
    Path commandConfig;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
        description = "How long to wait for Kafka before giving up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Settings beyond the bootstrap address for a cluster this process started itself (SASL). */
    private Map<String, String> security = Map.of();

    /** Connection settings for a cluster this process started itself, with {@code security} such as SASL. */
    static ConnectionOptions to(String bootstrapServer, Map<String, String> security) {
        ConnectionOptions options = new ConnectionOptions();
        options.bootstrapServer = bootstrapServer;
        options.security = security;
        options.timeout = Duration.ofSeconds(60);
        return options;
    }

    public String bootstrapServer() {
        return bootstrapServer;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * A properties file named by {@code option}.
     *
     * @throws CommandFailedException (usage) when it is missing or unreadable
     */
    static Properties readProperties(Path file, String option) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException(option + " " + file + ": no such file", ExitCode.USAGE);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailedException(option + " " + file + ": cannot read it: " + e.getMessage(), ExitCode.USAGE);
        }
        return props;
    }

    /** {@link #clientProperties()} as the settings map Kafka clients, Streams and our own configs take. */
    public Map<String, Object> clientSettings() {
        Properties properties = clientProperties();
        Map<String, Object> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }

    /**
     * Client properties: the command-config file's settings, then the bootstrap address and timeouts
     * given on the command line, which win.
     */
    public Properties clientProperties() {
        Properties props = commandConfig == null ? new Properties() : readProperties(commandConfig, "--command-config");
        props.putAll(security);
        props.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        return props;
    }
}
