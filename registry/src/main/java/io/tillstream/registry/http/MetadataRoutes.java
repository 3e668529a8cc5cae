package io.tillstream.registry.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.tillstream.registry.leader.Leadership;
import io.tillstream.registry.leader.RegistryInstance;
import io.tillstream.registry.store.KafkaLog;

import java.util.List;
import java.util.Map;

/**
 * {@code /v1/metadata/id}: Confluent's answer (the Kafka cluster and the registry group) plus which
 * instance answered and which one leads, so an operator can see the election from any instance.
 */
final class MetadataRoutes {

    private final KafkaLog kafkaLog;
    private final Leadership leadership;
    private final String groupId;

    MetadataRoutes(KafkaLog kafkaLog, Leadership leadership, String groupId) {
        this.kafkaLog = kafkaLog;
        this.leadership = leadership;
        this.groupId = groupId;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServerMetadata(Map<String, Object> scope, String instance, boolean leaderEligible, String leader,
                          boolean isLeader) {
    }

    void addTo(RoutesConfig routes) {
        routes.get("/v1/metadata/id", ctx -> {
            RegistryInstance self = leadership.self();
            Json.respond(ctx, new ServerMetadata(
                Map.of("path", List.of(), "clusters", Map.of("kafka-cluster", kafkaLog.clusterId(),
                    "schema-registry-cluster", groupId)),
                self == null ? null : self.url(), self != null && self.leaderEligible(),
                leadership.leader().map(RegistryInstance::url).orElse(null), leadership.isLeader()));
        });
    }
}
