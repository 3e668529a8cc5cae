package io.tillstream.pipeline.query;

import io.javalin.http.Context;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Answers from whichever instances hold the data, as Kafka Streams' metadata says: this instance's
 * part from its own stores, the others' over HTTP with {@code local=true}, which makes them answer
 * from their own stores only. Each partition lives in exactly one active task, so the parts never
 * overlap, and adding them up gives the whole.
 */
final class ClusterQueries {

    static final String LOCAL_PARAM = "local";
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String scheme;
    private final HttpClient http;

    /** @param scheme how the instances serve, http or https; {@code tls} what an https peer is checked with */
    ClusterQueries(KafkaStreams streams, HostInfo self, String scheme, Optional<SSLContext> tls) {
        this.streams = streams;
        this.self = self;
        this.scheme = scheme;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /**
     * Every instance's part of an answer from {@code store}.
     *
     * @param pathAndQuery  the request the other instances get, with {@code local=true} added
     * @param authorization the caller's credentials, passed on (instances share one users file); may be null
     */
    <T> List<T> fromEveryInstance(String store, String pathAndQuery, String authorization, Supplier<T> local, Class<T> type) {
        Collection<StreamsMetadata> holders = streams.streamsMetadataForStore(store);
        if (holders.isEmpty()) {
            throw new QueryUnavailableException("no instance holds " + store + " yet (starting or rebalancing); retry");
        }
        return fromEach(holders, store, pathAndQuery, authorization, local, type);
    }

    /** Every instance's part of an answer that is not in a store (its metrics), this one's from {@code local}. */
    <T> List<T> fromEveryClient(String pathAndQuery, String authorization, Supplier<T> local, Class<T> type) {
        Collection<StreamsMetadata> clients = streams.metadataForAllStreamsClients();
        if (clients.stream().noneMatch(client -> client.hostInfo().equals(self))) {
            return List.of(local.get());
        }
        return fromEach(clients, "the instances' metrics", pathAndQuery, authorization, local, type);
    }

    private <T> List<T> fromEach(Collection<StreamsMetadata> holders, String what, String pathAndQuery, String authorization,
                                 Supplier<T> local, Class<T> type) {
        List<CompletableFuture<Optional<T>>> remote = new ArrayList<>();
        boolean selfHolds = false;
        for (StreamsMetadata holder : holders) {
            if (holder.hostInfo().equals(self)) {
                selfHolds = true;
            } else {
                remote.add(ask(holder.hostInfo(), pathAndQuery, authorization, type));
            }
        }
        List<T> parts = new ArrayList<>();
        if (selfHolds) {
            parts.add(local.get());
        }
        for (CompletableFuture<Optional<T>> part : remote) {
            parts.add(await(part).orElseThrow(() -> new QueryUnavailableException("an instance lost its part of "
                + what + " while answering; retry")));
        }
        return parts;
    }

    /** Whether {@code ctx} asks for this instance's part only, as another instance does. */
    static boolean isLocal(Context ctx) {
        return "true".equals(ctx.queryParam(LOCAL_PARAM));
    }

    /** Another instance's answer; empty if it answers 404. */
    private <T> CompletableFuture<Optional<T>> ask(HostInfo peer, String pathAndQuery, String authorization, Class<T> type) {
        URI uri = URI.create(scheme + "://" + peer.host() + ":" + peer.port() + pathAndQuery
            + (pathAndQuery.contains("?") ? "&" : "?") + LOCAL_PARAM + "=true");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(PEER_TIMEOUT).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                throw new QueryUnavailableException("instance " + peer + " is out of reach: " + failure.getMessage(), failure);
            }
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new QueryUnavailableException("instance " + peer + " answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return Optional.of(Json.read(response.body(), type));
        });
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }
}
