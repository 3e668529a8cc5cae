package io.tillstream.console.groups;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import org.apache.kafka.clients.admin.Admin;

import java.util.List;
import java.util.Map;

/**
 * {@code /groups}: consumer groups with their state, members and lag, a lag history per group for
 * the chart, and the two admin actions, resetting offsets and deleting a group, each refused while
 * the group has consumers and followed by a fresh sample so that the list shows the change.
 */
public final class GroupRoutes implements Routes {

    private static final String GROUP = WebServer.API + "/groups/{id}";

    /** The lag chart's points after the {@code since} asked for. */
    public record LagSamples(long intervalMs, List<LagPoint> samples) {
    }

    private final ConsumerGroups groups;
    private final ClusterSampler sampler;
    private final LagHistory history;

    /** @param history each group's lag over time, fed by {@code sampler} */
    public GroupRoutes(Admin admin, ClusterSampler sampler, LagHistory history) {
        this.groups = new ConsumerGroups(admin);
        this.sampler = sampler;
        this.history = history;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/groups", this::list);
        routes.get(GROUP, this::detail);
        routes.delete(GROUP, this::delete);
        routes.get(GROUP + "/lag", this::lag);
        routes.post(GROUP + "/offsets", this::resetOffsets);
    }

    private void list(Context ctx) {
        ctx.json(groups.list(Bodies.search(ctx), sampler.latest()));
    }

    private void detail(Context ctx) {
        ctx.json(groups.detail(GroupRequests.requireId(ctx.pathParam("id"))));
    }

    private void lag(Context ctx) {
        String id = GroupRequests.requireId(ctx.pathParam("id"));
        Long since = Bodies.queryLong(ctx, "since", 0, Long.MAX_VALUE);
        sampler.latest(); // keeps the sampler at its watched pace while the chart is open
        ctx.json(new LagSamples(sampler.intervalMs(), history.since(id, since == null ? 0 : since)));
    }

    private void resetOffsets(Context ctx) {
        String id = GroupRequests.requireId(ctx.pathParam("id"));
        GroupRequests.OffsetReset request = Bodies.read(ctx, GroupRequests.OffsetReset.class);
        request.validate();
        List<OffsetChange> offsets = groups.reset(id, request);
        sampler.refresh();
        ctx.json(Map.of("groupId", id, "offsets", offsets));
    }

    /** Deletes only when {@code confirm} repeats the id, so a slip of the mouse cannot delete a group. */
    private void delete(Context ctx) {
        String id = GroupRequests.requireId(ctx.pathParam("id"));
        Bodies.requireConfirmation(ctx, id, "group's id");
        groups.delete(id);
        sampler.refresh();
        ctx.status(204);
    }
}
