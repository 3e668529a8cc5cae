package io.tillstream.console;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The clusters one console shows, read from a properties file in Kafka's style:
 *
 * <pre>
 * clusters=main,second
 * cluster.main.bootstrap.servers=127.0.0.1:9092
 * cluster.main.command.config=main-client.properties
 * cluster.second.bootstrap.servers=10.0.0.7:9092
 * cluster.second.registry.url=http://10.0.0.7:8081
 * cluster.second.read.only=true
 * </pre>
 *
 * A cluster takes {@link ConsoleConfig#CLUSTER_SETTINGS} and {@value #COMMAND_CONFIG}, a Kafka client properties
 * file (SASL, SSL) as {@code --command-config} takes, relative to the clusters file; what a cluster leaves out it
 * takes from the console's settings. The first cluster also answers the API's paths without a cluster.
 */
public final class ClustersFile {

    public static final String CLUSTERS = "clusters";
    public static final String CLUSTER_PREFIX = "cluster.";
    public static final String COMMAND_CONFIG = "command.config";

    private static final Set<String> SETTINGS = settings();
    /** The key naming the clusters file itself in {@link #load}: none. */
    private static final String CLUSTERS_FILE_KEY = "";

    private final Path file;

    private ClustersFile(Path file) {
        this.file = file;
    }

    /**
     * The console's settings for each cluster, in the file's order: the one cluster of {@code console} when it names no
     * clusters file.
     *
     * @throws ConsoleStartException naming the file, the key and the problem when the file is missing or wrong
     */
    public static List<ConsoleConfig> read(ConsoleConfig console) {
        Path file = console.clustersFile();
        return file == null ? List.of(console) : new ClustersFile(file).clusters(console);
    }

    private List<ConsoleConfig> clusters(ConsoleConfig console) {
        Properties props = load(file, CLUSTERS_FILE_KEY);
        List<String> names = names(props.getProperty(CLUSTERS));
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        names.forEach(name -> settings.put(name, new HashMap<>()));
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (key.equals(CLUSTERS)) {
                continue;
            }
            if (!key.startsWith(CLUSTER_PREFIX) || key.indexOf('.', CLUSTER_PREFIX.length()) < 0) {
                throw error(key, "unknown key; the file takes " + CLUSTERS + " and cluster.NAME.SETTING");
            }
            int dot = key.indexOf('.', CLUSTER_PREFIX.length());
            String name = key.substring(CLUSTER_PREFIX.length(), dot);
            String setting = key.substring(dot + 1);
            Map<String, Object> cluster = settings.get(name);
            if (cluster == null) {
                throw error(key, "no cluster " + name + " in " + CLUSTERS + "=" + String.join(",", names));
            }
            if (!SETTINGS.contains(setting)) {
                throw error(key, "unknown setting " + setting + "; a cluster takes " + String.join(", ", SETTINGS));
            }
            String value = props.getProperty(key).trim();
            if (setting.equals(COMMAND_CONFIG)) {
                Path clientFile = file.toAbsolutePath().getParent().resolve(value);
                load(clientFile, key).forEach((k, v) -> cluster.putIfAbsent(k.toString(), v));
            } else {
                cluster.put(setting, parse(key, setting, value));
            }
        }
        List<ConsoleConfig> clusters = new ArrayList<>();
        settings.forEach((name, cluster) -> {
            if (!cluster.containsKey(ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw error(CLUSTER_PREFIX + name + "." + ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "missing; every cluster needs its brokers");
            }
            try {
                clusters.add(console.forCluster(name, cluster));
            } catch (ConfigException e) {
                // A Kafka client setting of the cluster's command.config file.
                throw error(CLUSTER_PREFIX + name + "." + COMMAND_CONFIG, e.getMessage());
            }
        });
        return clusters;
    }

    /** {@code value} checked as the console checks {@code setting}, so that the error names the file's key. */
    private Object parse(String key, String setting, String value) {
        ConfigDef.ConfigKey def = ConsoleConfig.CONFIG.configKeys().get(setting);
        try {
            Object parsed = ConfigDef.parseType(setting, value, def.type);
            if (def.validator != null) {
                def.validator.ensureValid(setting, parsed);
            }
            return parsed;
        } catch (ConfigException e) {
            throw error(key, e.getMessage());
        }
    }

    private List<String> names(String list) {
        if (list == null || list.isBlank()) {
            throw error(CLUSTERS, "missing; list the clusters' names, for example clusters=main,second");
        }
        List<String> names = new ArrayList<>();
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.matches("[A-Za-z0-9_-]+")) {
                throw error(CLUSTERS, "'" + trimmed + "' is not a cluster name (letters, digits, '_' and '-')");
            }
            if (names.contains(trimmed)) {
                throw error(CLUSTERS, trimmed + " is listed twice");
            }
            names.add(trimmed);
        }
        return names;
    }

    /** {@code path}'s properties; {@code key} is the key that names it, empty for the clusters file itself. */
    private Properties load(Path path, String key) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(path)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw error(key, (key.isEmpty() ? "" : path + ": ") + "no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw error(key, (key.isEmpty() ? "" : path + ": ") + "cannot read it: " + e.getMessage());
        }
        return props;
    }

    private ConsoleStartException error(String key, String problem) {
        return new ConsoleStartException(file + ": " + (key.isEmpty() ? "" : key + ": ") + problem, null);
    }

    private static Set<String> settings() {
        Set<String> settings = new TreeSet<>(ConsoleConfig.CLUSTER_SETTINGS);
        settings.add(COMMAND_CONFIG);
        return settings;
    }
}
