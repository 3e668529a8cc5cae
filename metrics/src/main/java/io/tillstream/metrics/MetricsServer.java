package io.tillstream.metrics;

import io.javalin.Javalin;

/**
 * A server of its own for {@value MetricsEndpoint#PATH} alone, for a command that serves nothing
 * else over HTTP ({@code generate --metrics-port}, {@code up --metrics-port}).
 */
public final class MetricsServer implements AutoCloseable {

    private final Javalin javalin;

    private MetricsServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Serves {@code endpoint} on {@code host:port} (0 picks a free port); returns once listening.
     *
     * @throws MetricsServerException if the port cannot be listened on
     */
    public static MetricsServer start(String host, int port, MetricsEndpoint endpoint) {
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            endpoint.addTo(config);
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            javalin.stop();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MetricsServerException("Cannot serve metrics on " + host + ":" + port + ": " + cause.getMessage(), e);
        }
        return new MetricsServer(javalin);
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
