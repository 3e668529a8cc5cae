package io.tillstream.console.lake;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.groups.ConsumerGroups;
import io.tillstream.console.groups.GroupDetail;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code /lake}: how far the Parquet sink ({@code tillstream sink}) has landed its topic. Its lag
 * comes from its consumer group as on the group page; what it wrote from the lake directory's
 * files, when the console runs where it can read them ({@code lake.path}).
 */
public final class LakeRoutes implements Routes {

    private final String groupId;
    /** Null when the console was not told where the lake is. */
    private final LakeDirectory directory;
    private final ConsumerGroups groups;

    /** Watches the sink group {@code config} names, and the lake directory when it names one. */
    public LakeRoutes(Admin admin, ConsoleConfig config) {
        groupId = config.lakeGroupId();
        Path lakePath = config.lakePath();
        directory = lakePath == null ? null : new LakeDirectory(lakePath);
        groups = new ConsumerGroups(admin);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/lake", this::view);
    }

    private void view(Context ctx) {
        Optional<GroupDetail> group = groups.find(groupId);
        LakeContents contents = directory == null ? null : directory.read();
        ctx.json(group.map(g -> new LakeView(groupId, g.state(), g.members().size(), g.totalLag(), g.partitions(), contents))
            .orElseGet(() -> new LakeView(groupId, null, 0, null, List.of(), contents)));
    }
}
