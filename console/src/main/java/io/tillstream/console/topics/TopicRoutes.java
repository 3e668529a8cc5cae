package io.tillstream.console.topics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.cluster.Snapshot;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.cluster.Futures;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /topics}: the list and one topic's partitions and configs, read from the latest sample;
 * create, change configs, add partitions and delete through the Admin API, each followed by a
 * fresh sample so that the next page already shows the change.
 */
public final class TopicRoutes implements Routes {

    private static final String TOPIC = WebServer.API + "/topics/{name}";

    private final Admin admin;
    private final ClusterSampler sampler;

    public TopicRoutes(Admin admin, ClusterSampler sampler) {
        this.admin = admin;
        this.sampler = sampler;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/topics", this::list);
        routes.post(WebServer.API + "/topics", this::create);
        routes.get(TOPIC, this::detail);
        routes.delete(TOPIC, this::delete);
        routes.post(TOPIC + "/configs", this::alterConfigs);
        routes.post(TOPIC + "/partitions", this::addPartitions);
    }

    private void list(Context ctx) {
        String search = Bodies.search(ctx);
        boolean internal = Boolean.parseBoolean(ctx.queryParam("internal"));
        Snapshot snapshot = sampler.latest();
        ctx.json(snapshot.topics().values().stream()
            .filter(t -> (internal || !t.internal()) && t.name().toLowerCase(Locale.ROOT).contains(search))
            .map(t -> TopicSummary.of(t, snapshot)).toList());
    }

    /** The topic with its configs, or without them (null) for {@code configs=false}: describing them costs a request to Kafka. */
    private void detail(Context ctx) {
        String name = TopicRequests.requireName(ctx.pathParam("name"));
        ClusterSampler.SampledTopic sampled = sampler.topic(name);
        boolean withConfigs = !"false".equals(ctx.queryParam("configs"));
        ctx.json(new TopicDetail(TopicSummary.of(sampled.topic(), sampled.snapshot()), sampled.topic().partitions(),
            withConfigs ? configs(name) : null));
    }

    private List<TopicDetail.ConfigValue> configs(String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config = Futures.join(admin.describeConfigs(Set.of(resource),
            new DescribeConfigsOptions().includeDocumentation(true)).all()).get(resource);
        return config.entries().stream()
            .sorted(Comparator.comparing(ConfigEntry::name))
            .map(e -> new TopicDetail.ConfigValue(e.name(), e.isSensitive() ? null : e.value(), e.source().name(),
                e.isDefault(), e.isReadOnly(), e.isSensitive(), e.documentation()))
            .toList();
    }

    private void create(Context ctx) {
        TopicRequests.Create request = Bodies.read(ctx, TopicRequests.Create.class);
        request.validate();
        NewTopic topic = new NewTopic(request.name(), Optional.of(request.partitions()),
            Optional.ofNullable(request.replicationFactor()).map(Integer::shortValue));
        if (request.configs() != null) {
            topic.configs(request.configs());
        }
        Futures.join(admin.createTopics(List.of(topic)).all());
        sampler.refreshUntil(snapshot -> snapshot.topics().containsKey(request.name()));
        ctx.status(201).json(Map.of("name", request.name()));
    }

    private void alterConfigs(Context ctx) {
        String name = TopicRequests.requireName(ctx.pathParam("name"));
        TopicRequests.Configs request = Bodies.read(ctx, TopicRequests.Configs.class);
        request.validate();
        List<AlterConfigOp> ops = request.configs().entrySet().stream()
            .map(e -> e.getValue() == null
                ? new AlterConfigOp(new ConfigEntry(e.getKey(), null), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
            .toList();
        Futures.join(admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name), ops)).all());
        ctx.json(Map.of("name", name));
    }

    private void addPartitions(Context ctx) {
        String name = TopicRequests.requireName(ctx.pathParam("name"));
        TopicRequests.Partitions request = Bodies.read(ctx, TopicRequests.Partitions.class);
        request.validate();
        Futures.join(admin.createPartitions(Map.of(name, NewPartitions.increaseTo(request.count()))).all());
        sampler.refreshUntil(snapshot -> snapshot.topics().containsKey(name)
            && snapshot.topics().get(name).partitions().size() >= request.count());
        ctx.json(Map.of("name", name, "partitions", request.count()));
    }

    /** Deletes only when {@code confirm} repeats the name, so a slip of the mouse cannot delete a topic. */
    private void delete(Context ctx) {
        String name = TopicRequests.requireName(ctx.pathParam("name"));
        Bodies.requireConfirmation(ctx, name, "topic's name");
        Futures.join(admin.deleteTopics(List.of(name)).all());
        sampler.refreshUntil(snapshot -> !snapshot.topics().containsKey(name));
        ctx.status(204);
    }
}
