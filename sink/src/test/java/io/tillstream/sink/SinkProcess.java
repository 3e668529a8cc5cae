package io.tillstream.sink;

import io.tillstream.pipeline.testing.TestPlatform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A sink in a JVM of its own, so that a test can kill it as a crash does ({@link #kill()} is
 * {@code kill -9}: no shutdown hook, no close, files left half-written). Closing its standard input
 * stops it gracefully.
 */
final class SinkProcess implements AutoCloseable {

    private final Process process;

    private SinkProcess(Process process) {
        this.process = process;
    }

    /** The child's side: runs a sink with the {@code key=value} settings given until its standard input closes. */
    public static void main(String[] args) {
        Map<String, Object> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        try (LakeSink sink = LakeSink.create(new SinkConfig(settings))) {
            sink.start();
            Thread stdin = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // runs until the parent closes stdin
                    }
                } catch (IOException e) {
                    // the parent is gone: stop as well
                }
                sink.stop();
            }, "stdin-watch");
            stdin.setDaemon(true);
            stdin.start();
            sink.run();
        }
    }

    /** Settings for a sink of {@code topic} on the shared test platform, into {@code lake}, as a new group, plus {@code more}. */
    static Map<String, String> settings(TestPlatform platform, String topic, Path lake, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        settings.put(SinkConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl());
        settings.put(SinkConfig.TOPIC_CONFIG, topic);
        settings.put(SinkConfig.PATH_CONFIG, lake.toString());
        settings.put(SinkConfig.GROUP_ID_CONFIG, TestPlatform.unique("sink"));
        return settings;
    }

    static SinkProcess start(Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            SinkProcess.class.getName()));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        return new SinkProcess(new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process at once, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops it as Ctrl-C would, and waits for it; returns its exit code. */
    int stop() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
    }
}
