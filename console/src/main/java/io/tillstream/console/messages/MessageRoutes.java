package io.tillstream.console.messages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.cluster.PartitionState;
import io.tillstream.console.cluster.TopicState;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import io.tillstream.serde.RecordJson;
import io.tillstream.serde.client.SchemaRegistryClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code /topics/{name}/messages}: browse a topic's records decoded, and send a test message. */
public final class MessageRoutes implements Routes, AutoCloseable {

    private final ClusterSampler sampler;
    private final MessageBrowser browser;
    private final BrowseSlots slots;
    private final int maxRecords;
    private final TestProducer producer;

    public MessageRoutes(ConsoleConfig config, ClusterSampler sampler, SchemaRegistryClient registry,
                         Map<String, Object> registrySettings) {
        this.sampler = sampler;
        this.browser = new MessageBrowser(config.kafkaClientProps(), new RecordJson(registry, registrySettings, true),
            new RecordJson(registry, registrySettings, false), Duration.ofMillis(config.requestTimeoutMs()),
            config.messagesMaxBytes());
        this.slots = new BrowseSlots(config.messagesMaxConcurrent());
        this.maxRecords = config.messagesMaxRecords();
        this.producer = new TestProducer(config.kafkaClientProps(), registry, registrySettings);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/topics/{name}/messages", this::browse);
        routes.post(WebServer.API + "/topics/{name}/messages", this::produce);
    }

    private void browse(Context ctx) {
        TopicState topic = sampler.topic(ctx.pathParam("name")).topic();
        Long partition = Bodies.queryLong(ctx, "partition", 0, topic.partitions().size() - 1L);
        Long offset = Bodies.queryLong(ctx, "offset", 0, Long.MAX_VALUE);
        Long timestamp = Bodies.queryLong(ctx, "timestamp", 0, Long.MAX_VALUE);
        if (offset != null && timestamp != null) {
            throw ConsoleException.badRequest("Seek by offset or by timestamp, not both.");
        }
        Long limit = Bodies.queryLong(ctx, "limit", 1, maxRecords);
        List<Integer> partitions = partition != null ? List.of(partition.intValue())
            : topic.partitions().stream().map(PartitionState::partition).toList();
        MessageBrowser.Query query = new MessageBrowser.Query(offset, timestamp,
            limit == null ? Math.min(50, maxRecords) : limit.intValue(), Boolean.parseBoolean(ctx.queryParam("raw")));
        ctx.json(slots.run(() -> browser.browse(topic.name(), partitions, query)));
    }

    private void produce(Context ctx) {
        TopicState topic = sampler.topic(ctx.pathParam("name")).topic();
        TestProducer.Request request = Bodies.read(ctx, TestProducer.Request.class);
        if (request.partition() != null) {
            Bodies.requireRange("partition", request.partition(), 0, topic.partitions().size() - 1L);
        }
        ctx.status(201).json(producer.send(topic.name(), request));
    }

    @Override
    public void close() {
        producer.close();
    }
}
