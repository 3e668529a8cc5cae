package io.tillstream.registry.http;

import io.javalin.http.Context;
import io.tillstream.registry.leader.Leadership;
import io.tillstream.registry.leader.NotLeaderException;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.store.KafkaLog;
import io.tillstream.registry.store.StoreWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A follower's part in a write: the request goes to the leader as it came (method, path, query, body,
 * credentials), the leader's answer comes back as it was, and once the leader has written, this
 * instance reads the log up to its end before answering, so the client reads its own write here.
 */
final class LeaderForwarding {

    private static final Logger log = LoggerFactory.getLogger(LeaderForwarding.class);
    /** Marks a forwarded request, so that an instance that no longer leads does not send it on again. */
    static final String FORWARDED_BY = "X-Tillstream-Forwarded-By";
    private static final List<String> PASSED_HEADERS = List.of("Content-Type", "Accept", "Authorization");

    private final Leadership leadership;
    private final KafkaLog kafkaLog;
    private final Duration timeout;
    private final HttpClient client;

    LeaderForwarding(Leadership leadership, KafkaLog kafkaLog, long timeoutMs, Optional<SSLContext> tls) {
        this.leadership = leadership;
        this.kafkaLog = kafkaLog;
        this.timeout = Duration.ofMillis(timeoutMs);
        // With the registry's ssl.truststore.*, a leader whose certificate a local CA signed is trusted.
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout);
        tls.ifPresent(client::sslContext);
        this.client = client.build();
    }

    void forward(NotLeaderException notLeader, Context ctx) throws InterruptedException {
        String leaderUrl = notLeader.leader().url();
        if (ctx.header(FORWARDED_BY) != null) {
            throw new RegistryException(ErrorCode.REQUEST_FORWARDING_FAILED, "Request forwarded by "
                + ctx.header(FORWARDED_BY) + " reached " + leadership.self().url() + ", which no longer leads ("
                + leaderUrl + " does); try again");
        }
        String query = ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leaderUrl + ctx.path() + (query == null ? "" : "?" + query)))
            .timeout(timeout)
            .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()))
            .header(FORWARDED_BY, leadership.self().url());
        for (String header : PASSED_HEADERS) {
            if (ctx.header(header) != null) {
                request.header(header, ctx.header(header));
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.REQUEST_FORWARDING_FAILED, "Error while forwarding the request to the"
                + " leader at " + leaderUrl + ": " + e.getMessage(), e);
        }
        if (answer.statusCode() / 100 == 2) {
            readOwnWrite();
        }
        ctx.status(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        ctx.result(answer.body());
    }

    private void readOwnWrite() {
        try {
            kafkaLog.catchUp();
        } catch (StoreWriteException e) {
            log.warn("The leader wrote, but this instance has not read it yet: {}", e.getMessage());
        }
    }
}
