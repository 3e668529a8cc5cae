package io.tillstream.console.messages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.cluster.PartitionState;
import io.tillstream.console.cluster.TopicState;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.ErrorCode;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import io.tillstream.serde.RecordJson;
import io.tillstream.serde.client.SchemaRegistryClient;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /topics/{name}/messages}: browse a topic's records decoded, and send a test message;
 * {@code /topics/{name}/search}: find records with a filter, streamed as it scans;
 * {@code /topics/{name}/export}: download records as CSV or JSON lines.
 */
public final class MessageRoutes implements Routes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageRoutes.class);

    private final ClusterSampler sampler;
    private final MessageBrowser browser;
    private final BrowseSlots slots;
    private final int maxRecords;
    private final TestProducer producer;
    private final MessageSearch search;
    private final MessageExport export;
    private final ScanSlots scans;
    private final MessageFilter.Limits filterLimits;
    private final long searchBudget;
    private final long maxSearchBudget;

    public MessageRoutes(ConsoleConfig config, ClusterSampler sampler, SchemaRegistryClient registry,
                         Map<String, Object> registrySettings) {
        this.sampler = sampler;
        this.browser = new MessageBrowser(config.kafkaClientProps(), new RecordJson(registry, registrySettings, true),
            new RecordJson(registry, registrySettings, false), Duration.ofMillis(config.requestTimeoutMs()),
            config.messagesMaxBytes());
        this.slots = new BrowseSlots(config.messagesMaxConcurrent());
        this.maxRecords = config.messagesMaxRecords();
        this.producer = new TestProducer(config.kafkaClientProps(), registry, registrySettings);
        RecordJson keys = new RecordJson(registry, registrySettings, true);
        RecordJson values = new RecordJson(registry, registrySettings, false);
        TopicScan scan = new TopicScan(config.kafkaClientProps(), Duration.ofMillis(config.requestTimeoutMs()));
        this.search = new MessageSearch(scan, keys, values);
        this.export = new MessageExport(scan, keys, values);
        int scanSlots = config.messagesMaxConcurrentScans();
        this.scans = new ScanSlots(scanSlots, Duration.ZERO, scanSlots + " searches or exports are already running ("
            + ConsoleConfig.MESSAGES_MAX_CONCURRENT_SCANS_CONFIG + "): try again when one has finished, or cancel one.");
        this.filterLimits = new MessageFilter.Limits(config.messagesFilterMaxLength(), config.messagesFilterMaxIterations());
        this.searchBudget = config.messagesSearchBudget();
        this.maxSearchBudget = config.messagesSearchMaxBudget();
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/topics/{name}/messages", this::browse);
        routes.post(WebServer.API + "/topics/{name}/messages", this::produce);
        routes.get(WebServer.API + "/topics/{name}/search", this::search);
        routes.get(WebServer.API + "/topics/{name}/export", this::export);
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

    /**
     * Streams the search as JSON lines (progress, matches, then how it ended); the browser cancels it by dropping the
     * response, which fails the next write and stops the scan.
     */
    private void search(Context ctx) throws IOException {
        TopicState topic = sampler.topic(ctx.pathParam("name")).topic();
        String expression = ctx.queryParam("filter");
        if (expression == null) {
            throw ConsoleException.badRequest("A search needs a filter, such as filter=key == \"I138884\".");
        }
        MessageFilter filter = compile(expression);
        Long budget = Bodies.queryLong(ctx, "budget", 1, maxSearchBudget);
        Long limit = Bodies.queryLong(ctx, "limit", 1, maxRecords);
        TopicScan.Range range = range(ctx, topic, TopicScan.Direction.NEWEST, budget == null ? searchBudget : budget);
        try (ScanSlots.Slot slot = scans.take()) {
            ctx.contentType(MessageExport.Format.JSONL.contentType());
            ctx.header("Cache-Control", "no-store");
            OutputStream out = streamed(ctx);
            search.run(topic.name(), range, filter, limit == null ? Math.min(50, maxRecords) : limit.intValue(), event -> {
                out.write(ctx.jsonMapper().toJsonString(event, event.getClass()).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                out.flush();
            });
        } catch (EofException gone) {
            log.debug("A search of {} was cancelled by its client", topic.name());
        }
    }

    private void export(Context ctx) throws IOException {
        TopicState topic = sampler.topic(ctx.pathParam("name")).topic();
        String formatName = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        MessageExport.Format format = switch (formatName) {
            case "csv" -> MessageExport.Format.CSV;
            case "jsonl" -> MessageExport.Format.JSONL;
            default -> throw ConsoleException.badRequest("format is 'csv' or 'jsonl', not '" + formatName + "'.");
        };
        String expression = ctx.queryParam("filter");
        MessageFilter filter = expression == null || expression.isBlank() ? null : compile(expression);
        Long limit = Bodies.queryLong(ctx, "limit", 1, Long.MAX_VALUE);
        TopicScan.Range range = range(ctx, topic, TopicScan.Direction.OLDEST, Long.MAX_VALUE);
        try (ScanSlots.Slot slot = scans.take()) {
            ctx.contentType(format.contentType());
            ctx.header("Content-Disposition", "attachment; filename=\"" + topic.name() + "." + format.extension() + "\"");
            TopicScan.Result result = export.write(topic.name(), range, filter, limit == null ? Long.MAX_VALUE : limit, format,
                streamed(ctx));
            if (result.outcome() == TopicScan.Outcome.TIMEOUT) {
                abort(ctx, "Kafka stopped delivering records of " + topic.name() + " after " + result.scanned() + " of "
                    + result.total() + " (" + ConsoleConfig.REQUEST_TIMEOUT_MS_CONFIG + "): the export is incomplete.");
            }
        } catch (EofException gone) {
            log.debug("An export of {} was dropped by its client", topic.name());
        }
    }

    /**
     * Ends a download whose rows are already on their way without its last chunk, so the client sees a broken
     * transfer: an error answered now would be appended to the rows sent and end the file as if it were complete.
     */
    private static void abort(Context ctx, String why) {
        log.warn(why);
        ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(new IOException(why));
    }

    /**
     * The response's own stream, uncompressed: Javalin's {@code ctx.outputStream()} ignores {@code flush()}, so nothing
     * would reach the browser before the buffer filled, and a dropped response would go unnoticed as long.
     */
    private static OutputStream streamed(Context ctx) throws IOException {
        return ctx.res().getOutputStream();
    }

    /** The browser's selection: one partition or all, from an offset or a time, in a direction. */
    private static TopicScan.Range range(Context ctx, TopicState topic, TopicScan.Direction defaultDirection, long budget) {
        Long partition = Bodies.queryLong(ctx, "partition", 0, topic.partitions().size() - 1L);
        Long offset = Bodies.queryLong(ctx, "offset", 0, Long.MAX_VALUE);
        Long timestamp = Bodies.queryLong(ctx, "timestamp", 0, Long.MAX_VALUE);
        if (offset != null && timestamp != null) {
            throw ConsoleException.badRequest("Start from an offset or from a timestamp, not both.");
        }
        String direction = ctx.queryParam("direction");
        TopicScan.Direction chosen = direction == null ? defaultDirection : switch (direction) {
            case "newest" -> TopicScan.Direction.NEWEST;
            case "oldest" -> TopicScan.Direction.OLDEST;
            default -> throw ConsoleException.badRequest("direction is 'newest' or 'oldest', not '" + direction + "'.");
        };
        List<Integer> partitions = partition != null ? List.of(partition.intValue())
            : topic.partitions().stream().map(PartitionState::partition).toList();
        return new TopicScan.Range(partitions, chosen, offset, timestamp, budget);
    }

    /** The one place a filter that cannot be used becomes the user's 400. */
    private MessageFilter compile(String expression) {
        try {
            return MessageFilter.compile(expression, filterLimits);
        } catch (MessageFilter.InvalidFilterException e) {
            throw new ConsoleException(ErrorCode.INVALID_FILTER, e.getMessage());
        }
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
