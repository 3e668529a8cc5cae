package io.tillstream.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A registry instance in a JVM of its own, so that a test can kill it as abruptly as a crash does
 * ({@link #kill()} is {@code kill -9}). {@link #start} launches it; {@link #url()} waits until it listens,
 * so several start side by side.
 */
final class RegistryProcess implements AutoCloseable {

    private static final String LISTENING = "LISTENING ";

    private final Process process;
    private final Path log;
    private String url;

    private RegistryProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The child's side: starts a registry with the {@code key=value} settings given, prints its URL, runs until killed or stdin closes. */
    public static void main(String[] args) throws IOException {
        Map<String, Object> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        try (SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(settings))) {
            server.start();
            System.out.println(LISTENING + server.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes stdin
            }
        }
    }

    static RegistryProcess start(Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            RegistryProcess.class.getName()));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        return new RegistryProcess(new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
    }

    /** The instance's URL, once it listens. */
    synchronized String url() {
        if (url != null) {
            return url;
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(LISTENING)) {
                    url = line.substring(LISTENING.length()).trim();
                    return url;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("registry process ended before listening; see " + log);
    }

    /** Ends the process at once, as a crash would: it neither leaves the election group nor finishes a write. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
