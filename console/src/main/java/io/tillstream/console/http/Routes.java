package io.tillstream.console.http;

import io.javalin.config.RoutesConfig;

/** One feature's endpoints under {@link WebServer#API}. */
public interface Routes {

    void addTo(RoutesConfig routes);
}
