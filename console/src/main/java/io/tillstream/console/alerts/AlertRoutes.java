package io.tillstream.console.alerts;

import io.javalin.config.RoutesConfig;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;

import java.util.List;

/** {@code /alerts}: the alerts firing now, for the banners every page shows. */
public final class AlertRoutes implements Routes {

    /** The body: the alerts firing, oldest first. */
    public record Firing(List<Alerts.Alert> alerts) {
    }

    private final Alerts alerts;
    private final ClusterSampler sampler;

    /** @param alerts fed by {@code sampler} */
    public AlertRoutes(Alerts alerts, ClusterSampler sampler) {
        this.alerts = alerts;
        this.sampler = sampler;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/alerts", ctx -> {
            sampler.latest(); // every open page asks for the banners: keeps the sampler at its watched pace
            ctx.json(new Firing(alerts.firing()));
        });
    }
}
