package io.tillstream.cli;

import io.tillstream.security.Https;
import io.tillstream.security.UsersFile;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.ControlCenter;
import io.tillstream.retail.lake.LakeFileName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tillstream console}: the Control Center web UI alone, against any cluster and registry, until Ctrl-C. */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = "Run the Control Center (web UI and REST API under /api/v1) against any Kafka cluster and Schema"
        + " Registry until Ctrl-C.")
final class ConsoleCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 9021;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    RegistryOptions registry;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
        description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--clusters", paramLabel = "FILE",
        description = "Show several clusters: a properties file with clusters=NAME,... and cluster.NAME.bootstrap.servers,"
            + " cluster.NAME.command.config, cluster.NAME.registry.url, cluster.NAME.registry.user.info,"
            + " cluster.NAME.read.only, cluster.NAME.sales.api.url, cluster.NAME.lake.path (see the README). Replaces"
            + " --bootstrap-server and --command-config; the other options are every cluster's defaults.")
    Path clustersFile;

    @Option(names = "--read-only", description = "Hide and refuse every admin action (on every cluster).")
    boolean readOnly;

    @Option(names = "--users-file", paramLabel = "FILE", description = UsersFile.DOC)
    Path usersFile;

    @Mixin
    TlsOptions tls;

    @Mixin
    TruststoreOptions truststore;

    @Option(names = "--sales-api-url", paramLabel = "URL",
        description = "The HTTP API of a running tillstream process (e.g. http://127.0.0.1:7070), for the Sales page;"
            + " without it the page is hidden.")
    String salesApiUrl;

    @Option(names = "--lake-path", paramLabel = "DIR",
        description = "The lake directory of a tillstream sink (its --path), for the Lake page's files and rows per day;"
            + " without it the page shows the sink's lag only.")
    Path lakePath;

    @Option(names = "--lake-group", paramLabel = "ID", defaultValue = LakeFileName.DEFAULT_SINK_GROUP,
        description = "The sink's consumer group (its --group), whose lag the Lake page shows (default: ${DEFAULT-VALUE}).")
    String lakeGroup;

    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private final Shutdown shutdown = new Shutdown();

    @Override
    public Integer call() {
        verbosity.configure();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsoleConfig.LISTEN_HOST_CONFIG, host);
        settings.put(ConsoleConfig.LISTEN_PORT_CONFIG, port);
        settings.put(ConsoleConfig.READ_ONLY_CONFIG, readOnly);
        if (clustersFile != null) {
            for (String option : new String[] {"--bootstrap-server", "--command-config"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new CommandFailedException("--clusters names each cluster's brokers and client settings: "
                        + "drop " + option + ", or put it in " + clustersFile + " as cluster.NAME."
                        + (option.equals("--command-config") ? "command.config" : "bootstrap.servers"), ExitCode.USAGE);
                }
            }
            settings.put(ConsoleConfig.CLUSTERS_FILE_CONFIG, clustersFile.toString());
        }
        if (salesApiUrl != null) {
            settings.put(ConsoleConfig.SALES_API_URL_CONFIG, salesApiUrl);
        }
        settings.put(ConsoleConfig.LAKE_GROUP_ID_CONFIG, lakeGroup);
        if (lakePath != null) {
            settings.put(ConsoleConfig.LAKE_PATH_CONFIG, lakePath.toString());
        }
        if (usersFile != null) {
            settings.put(ConsoleConfig.USERS_FILE_CONFIG, usersFile.toString());
        }
        OpenListener.warnIfOpen(spec.commandLine().getErr(), "the Control Center", host, usersFile != null);
        if (tls.enabled()) {
            settings.put(ConsoleConfig.TLS_KEYSTORE_LOCATION_CONFIG, tls.keystore.toString());
            settings.put(ConsoleConfig.TLS_KEYSTORE_PASSWORD_CONFIG, tls.password);
            if (truststore.given() && !Https.DEFAULT_STORE_TYPE.equals(truststore.type())) {
                // The console reads both stores as one type (tls.store.type), and --tls-keystore is PKCS12.
                throw new CommandFailedException("--tls-truststore-type must be PKCS12 with --tls-keystore",
                    ExitCode.USAGE);
            }
        }
        truststore.putInto(settings, ConsoleConfig.TLS_TRUSTSTORE_LOCATION_CONFIG,
            ConsoleConfig.TLS_TRUSTSTORE_PASSWORD_CONFIG, ConsoleConfig.TLS_STORE_TYPE_CONFIG);
        ControlCenter console = createConsole(connection.clientSettings(), registry, settings);
        console.start();
        out.printf("Control Center is up at %s for %s%s. Ctrl-C stops it.%n", console.url(),
            clustersFile == null ? "Kafka at " + connection.bootstrapServer() : "clusters " + String.join(", ", console.clusters()),
            readOnly ? " (read-only)" : "");
        out.flush();
        shutdown.runUntilStopped(out, console::close);
        return ExitCode.OK;
    }

    /** Asks a running console to shut down as Ctrl-C would. */
    void stop() {
        shutdown.request();
    }

    /** A Control Center, not yet started, for the cluster the client settings name, with the registry's settings. */
    static ControlCenter createConsole(Map<String, Object> client, RegistryOptions registry, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(client);
        all.put(ConsoleConfig.REGISTRY_URL_CONFIG, registry.url());
        if (registry.userInfo != null) {
            all.put(ConsoleConfig.REGISTRY_USER_INFO_CONFIG, registry.userInfo);
        }
        all.putAll(settings);
        return ControlCenter.create(new ConsoleConfig(all));
    }
}
