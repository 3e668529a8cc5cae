package io.tillstream.cli;

import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/** How a command reaches the Schema Registry, with the serde settings' own names behind the options. */
public final class RegistryOptions {

    public static final String DEFAULT_URL = "http://127.0.0.1:8081";

    @Option(names = "--registry-url", paramLabel = "URL[,URL...]", defaultValue = DEFAULT_URL,
        description = "Schema Registry to use (default: ${DEFAULT-VALUE}, the one 'tillstream up' starts).")
    String url;

    @Option(names = "--registry-user-info", paramLabel = "USER:PASSWORD",
        description = "HTTP basic auth credentials for the Schema Registry.")
    String userInfo;

    /** Settings for a registry this process started itself; {@code userInfo} null when it has no users. */
    static RegistryOptions at(String url, String userInfo) {
        RegistryOptions options = new RegistryOptions();
        options.url = url;
        options.userInfo = userInfo;
        return options;
    }

    public String url() {
        return url;
    }

    /** Settings for the serdes and the registry client, under Confluent's names. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, url);
        if (userInfo != null) {
            settings.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
            settings.put(SchemaRegistryClientConfig.USER_INFO_CONFIG, userInfo);
        }
        return settings;
    }

    /**
     * As {@link #clientSettings()}, over the registry settings of {@code connection}'s
     * {@code --command-config} file (Confluent's {@code basic.auth.*} and {@code schema.registry.*}, as
     * {@code up --users-file} writes them into client.properties); the options given here win.
     */
    public Map<String, Object> clientSettings(ConnectionOptions connection) {
        return clientSettings(connection.clientSettings());
    }

    /** As {@link #clientSettings()}, over the registry settings among {@code commandConfig}'s; the options win. */
    Map<String, Object> clientSettings(Map<?, ?> commandConfig) {
        Map<String, Object> settings = new HashMap<>();
        commandConfig.forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith("basic.auth.") || name.startsWith("schema.registry.")) {
                settings.put(name, value);
            }
        });
        settings.putAll(clientSettings());
        return settings;
    }

    /** A registry client with {@link #clientSettings(Map)}. */
    SchemaRegistryClient client(Map<?, ?> commandConfig) {
        return new CachedSchemaRegistryClient(clientSettings(commandConfig));
    }
}
