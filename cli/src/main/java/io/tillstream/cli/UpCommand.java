package io.tillstream.cli;

import io.tillstream.retail.RawData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code tillstream up}: a local Kafka cluster in this process, with the {@code raw_data} topic and
 * a Schema Registry, until Ctrl-C or SIGTERM.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start a local Apache Kafka cluster (KRaft, no ZooKeeper) with the raw_data topic and a Schema "
        + "Registry, and keep them running until Ctrl-C.",
        "Data lives under --data-dir, so a second start finds its topics, records, offsets and schemas again."})
final class UpCommand implements Callable<Integer> {

    @Mixin
    LocalPlatformOptions options;
    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private final Shutdown shutdown = new Shutdown();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LocalPlatform platform = LocalPlatform.start(options, verbosity, spec.commandLine().getErr());
        // Before the ready line, which scripts wait for: once it shows, all of this is there too.
        platform.printSecurity(out);
        out.printf("Tillstream is up: Kafka %s at %s (%d node%s, KRaft), topic %s with %d partitions,"
                + " Schema Registry at %s%s%s, data in %s. Ctrl-C stops it.%n",
            KafkaVersion.current(), platform.bootstrapServers(), options.brokers, options.brokers == 1 ? "" : "s",
            RawData.TOPIC, platform.salesPartitions(), platform.registryUrl(),
            platform.consoleUrl().map(url -> ", Control Center at " + url).orElse(""),
            platform.metricsUrl().map(url -> ", metrics at " + url).orElse(""),
            platform.cluster().dataDirectory().root());
        out.flush();
        shutdown.runUntilStopped(out, platform::close);
        return ExitCode.OK;
    }

    /** Asks a running {@code up} to shut down as Ctrl-C would. */
    void stop() {
        shutdown.request();
    }
}
