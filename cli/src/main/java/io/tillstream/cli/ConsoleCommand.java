package io.tillstream.cli;

import io.tillstream.security.UsersFile;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.ControlCenter;
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

    @Option(names = "--read-only", description = "Hide and refuse every admin action.")
    boolean readOnly;

    @Option(names = "--users-file", paramLabel = "FILE", description = UsersFile.DOC)
    Path usersFile;

    @Option(names = "--sales-api-url", paramLabel = "URL",
        description = "The HTTP API of a running tillstream process (e.g. http://127.0.0.1:7070), for the Sales page;"
            + " without it the page is hidden.")
    String salesApiUrl;

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
        if (salesApiUrl != null) {
            settings.put(ConsoleConfig.SALES_API_URL_CONFIG, salesApiUrl);
        }
        if (usersFile != null) {
            settings.put(ConsoleConfig.USERS_FILE_CONFIG, usersFile.toString());
        } else if (!host.startsWith("127.") && !host.equals("localhost")) {
            spec.commandLine().getErr().println("warning: the Control Center listens beyond loopback without"
                + " authentication; pass --users-file to require it");
        }
        ControlCenter console = createConsole(connection.clientSettings(), registry, settings);
        console.start();
        out.printf("Control Center is up at %s for Kafka at %s%s. Ctrl-C stops it.%n", console.url(),
            connection.bootstrapServer(), readOnly ? " (read-only)" : "");
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
