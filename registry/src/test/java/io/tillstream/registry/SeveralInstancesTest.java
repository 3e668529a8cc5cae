package io.tillstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.security.LocalCertificates;
import io.tillstream.security.Truststore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tillstream.registry.Http.body;
import static io.tillstream.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several registry instances, each in its own JVM, on one Kafka: one leads, the others forward, no ID
 * is handed out twice, and killing the leader ({@code kill -9}) loses nothing that was acknowledged.
 */
class SeveralInstancesTest {

    private static final int SCHEMAS = 30;

    @TempDir
    static Path dataDir;
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestClusters.start(dataDir.resolve("kafka"), 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<RegistryProcess> start(String topic, List<Map<String, String>> perInstance) throws Exception {
        List<RegistryProcess> instances = new ArrayList<>();
        for (Map<String, String> own : perInstance) {
            Map<String, String> settings = new HashMap<>(Map.of(
                RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                RegistryConfig.KAFKASTORE_TOPIC_CONFIG, topic,
                RegistryConfig.SCHEMA_REGISTRY_GROUP_ID_CONFIG, "registry-" + topic,
                RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0"));
            settings.putAll(own);
            instances.add(RegistryProcess.start(settings, dataDir.resolve(topic + "-" + instances.size() + ".log")));
        }
        instances.forEach(RegistryProcess::url);
        return instances;
    }

    private static List<RegistryProcess> start(String topic, int count) throws Exception {
        List<Map<String, String>> settings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            settings.add(Map.of());
        }
        return start(topic, settings);
    }

    /**
     * The leader every instance names, once they all name the same one of them: after a leader dies, its followers
     * agree on it for a moment, until the election notices.
     */
    private static String agreedLeader(List<RegistryProcess> instances) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<String> named = new HashSet<>();
            for (RegistryProcess instance : instances) {
                named.add(new Http(instance.url()).get("/v1/metadata/id").json().path("leader").asText(null));
            }
            return named.size() == 1 ? named.iterator().next() : null;
        }, leader -> leader != null && instances.stream().anyMatch(i -> i.url().equals(leader)));
    }

    private static String subject(int schema) {
        return "many-" + schema + "-value";
    }

    @Test
    void aFollowerForwardsToAnHttpsLeaderTrustingTheRegistrysTruststoreAndRefusesWithoutIt() throws Exception {
        LocalCertificates.Stores stores = LocalCertificates.ensure(dataDir.resolve("tls"), List.of("127.0.0.1"));
        Map<String, String> https = Map.of(RegistryConfig.LISTENERS_CONFIG, "https://127.0.0.1:0",
            RegistryConfig.SSL_KEYSTORE_LOCATION_CONFIG, stores.keystore().toString(),
            RegistryConfig.SSL_KEYSTORE_PASSWORD_CONFIG, stores.password(),
            RegistryConfig.SSL_KEYSTORE_TYPE_CONFIG, LocalCertificates.STORE_TYPE);
        Map<String, String> trusting = new HashMap<>(https);
        trusting.put(RegistryConfig.LEADER_ELIGIBILITY_CONFIG, "false");
        trusting.put(RegistryConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, stores.truststore().toString());
        trusting.put(RegistryConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, stores.password());
        trusting.put(RegistryConfig.SSL_TRUSTSTORE_TYPE_CONFIG, LocalCertificates.STORE_TYPE);
        Map<String, String> notTrusting = new HashMap<>(https);
        notTrusting.put(RegistryConfig.LEADER_ELIGIBILITY_CONFIG, "false");
        List<RegistryProcess> instances = start("_schemas_https", List.of(https, trusting, notTrusting));
        try {
            SSLContext tls = new Truststore(stores.truststore(), stores.password(), LocalCertificates.STORE_TYPE)
                .sslContext();
            String leader = instances.get(0).url();
            for (RegistryProcess follower : instances.subList(1, 3)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> leader.equals(new Http(follower.url(), tls)
                    .get("/v1/metadata/id").json().path("leader").asText(null)));
            }

            Http.Response forwarded = new Http(instances.get(1).url(), tls)
                .post("/subjects/tls-value/versions", body(record("Tls")));
            assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
            assertThat(new Http(leader, tls).get("/schemas/ids/" + forwarded.json().get("id").asInt()).status())
                .isEqualTo(200);
            // A new schema: one already registered is answered by the follower itself, without the leader.
            Http.Response refused = new Http(instances.get(2).url(), tls)
                .post("/subjects/tls-value/versions", body(record("TlsUntrusted")));
            assertThat(refused.errorCode()).as(refused.body()).isEqualTo(ErrorCode.REQUEST_FORWARDING_FAILED.code());
        } finally {
            for (RegistryProcess instance : instances) {
                instance.close();
            }
        }
    }

    @Test
    void sixtyConcurrentRegistrationsOverThreeInstancesGiveEachOfThirtySchemasOneIdReadableAtOnce() throws Exception {
        List<RegistryProcess> instances = start("_schemas_three", 3);
        ExecutorService pool = Executors.newFixedThreadPool(60);
        try {
            String leader = agreedLeader(instances);
            assertThat(instances).extracting(RegistryProcess::url).contains(leader);
            Map<Integer, Set<Integer>> idsBySchema = new ConcurrentHashMap<>();
            List<Future<?>> calls = new ArrayList<>();
            for (int schema = 0; schema < SCHEMAS; schema++) {
                for (int copy = 0; copy < 2; copy++) {
                    int s = schema;
                    Http http = new Http(instances.get((schema + copy) % 3).url());
                    calls.add(pool.submit(() -> {
                        Http.Response answer = http.post("/subjects/" + subject(s) + "/versions", body(record("Many" + s)));
                        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                        int id = answer.json().get("id").asInt();
                        idsBySchema.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(id);
                        // Read-your-writes: the instance that answered shows the version at once.
                        assertThat(http.get("/subjects/" + subject(s) + "/versions/latest").json().path("id").asInt())
                            .isEqualTo(id);
                    }));
                }
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            assertThat(idsBySchema).hasSize(SCHEMAS).allSatisfy((schema, ids) -> assertThat(ids).hasSize(1));
            Set<Integer> distinct = new HashSet<>();
            idsBySchema.values().forEach(distinct::addAll);
            assertThat(distinct).hasSize(SCHEMAS);
            for (RegistryProcess instance : instances) {
                Http http = new Http(instance.url());
                idsBySchema.forEach((schema, ids) -> await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(http.get("/schemas/ids/" + ids.iterator().next()).json().path("schema").asText())
                        .contains("\"Many" + schema + "\"")));
                assertThat(http.get("/subjects/" + subject(0) + "/versions").body()).isEqualTo("[1]");
            }
        } finally {
            pool.shutdownNow();
            for (RegistryProcess instance : instances) {
                instance.close();
            }
        }
    }

    @Test
    void killingTheLeaderHalfwayLosesNoAcknowledgedRegistrationAndHandsNoIdOutTwice() throws Exception {
        List<RegistryProcess> instances = start("_schemas_failover", 3);
        ExecutorService pool = Executors.newFixedThreadPool(60);
        try {
            String leaderUrl = agreedLeader(instances);
            RegistryProcess leader = instances.stream().filter(i -> i.url().equals(leaderUrl)).findFirst().orElseThrow();
            Set<String> dead = ConcurrentHashMap.newKeySet();
            Map<Integer, Set<Integer>> acknowledged = new ConcurrentHashMap<>();
            CountDownLatch half = new CountDownLatch(SCHEMAS);
            AtomicInteger failedAttempts = new AtomicInteger();
            List<Future<?>> calls = new ArrayList<>();
            for (int schema = 0; schema < SCHEMAS; schema++) {
                for (int copy = 0; copy < 2; copy++) {
                    int s = schema;
                    int first = (schema + copy) % 3;
                    calls.add(pool.submit(() -> {
                        // A client that moves on to the next instance when one fails, as Confluent's clients do with several URLs.
                        for (int attempt = 0; ; attempt++) {
                            RegistryProcess target = instances.get((first + attempt) % 3);
                            if (dead.contains(target.url())) {
                                continue;
                            }
                            try {
                                Http.Response answer = new Http(target.url()).post("/subjects/" + subject(s) + "/versions",
                                    body(record("Many" + s)));
                                if (answer.status() == 200) {
                                    acknowledged.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet())
                                        .add(answer.json().get("id").asInt());
                                    half.countDown();
                                    return null;
                                }
                                assertThat(answer.status()).as(answer.body()).isGreaterThanOrEqualTo(500);
                            } catch (UncheckedIOException refused) {
                                // the killed instance
                            }
                            failedAttempts.incrementAndGet();
                            Thread.sleep(100);
                        }
                    }));
                }
            }
            assertThat(half.await(60, TimeUnit.SECONDS)).isTrue();
            dead.add(leader.url());
            leader.kill();
            for (Future<?> call : calls) {
                call.get(90, TimeUnit.SECONDS);
            }
            List<RegistryProcess> survivors = instances.stream().filter(i -> !dead.contains(i.url())).toList();
            String newLeader = agreedLeader(survivors);
            assertThat(newLeader).isNotEqualTo(leaderUrl);
            assertThat(acknowledged).hasSize(SCHEMAS).allSatisfy((schema, ids) -> assertThat(ids).hasSize(1));
            Set<Integer> distinct = new HashSet<>();
            acknowledged.values().forEach(distinct::addAll);
            assertThat(distinct).hasSize(SCHEMAS);
            for (RegistryProcess survivor : survivors) {
                Http http = new Http(survivor.url());
                acknowledged.forEach((schema, ids) -> await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    JsonNode latest = http.get("/subjects/" + subject(schema) + "/versions/latest").json();
                    assertThat(latest.path("id").asInt()).isEqualTo(ids.iterator().next());
                    assertThat(latest.path("version").asInt()).isEqualTo(1);
                }));
            }
            int next = new Http(survivors.get(0).url()).post("/subjects/after-kill-value/versions", body(record("AfterKill")))
                .json().get("id").asInt();
            assertThat(distinct).doesNotContain(next);
        } finally {
            pool.shutdownNow();
            for (RegistryProcess instance : instances) {
                instance.close();
            }
        }
    }

    @Test
    void anInstanceThatMayNotLeadForwardsEveryWriteAndAnswersFiftyThousandFourWhenNobodyMayLead() throws Exception {
        List<RegistryProcess> follower = start("_schemas_eligibility", List.of(Map.of(
            RegistryConfig.LEADER_ELIGIBILITY_CONFIG, "false", RegistryConfig.KAFKASTORE_TIMEOUT_MS_CONFIG, "2000")));
        Http http = new Http(follower.get(0).url());
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.post("/subjects/lone-value/versions", body(record("Lone"))).errorCode()).isEqualTo(50004));
            JsonNode alone = http.get("/v1/metadata/id").json();
            assertThat(alone.path("leaderEligible").asBoolean()).isFalse();
            assertThat(alone.has("leader")).isFalse();
            assertThat(alone.path("scope").path("clusters").path("schema-registry-cluster").asText())
                .isEqualTo("registry-_schemas_eligibility");
            assertThat(alone.path("scope").path("clusters").path("kafka-cluster").asText()).isNotBlank();

            try (RegistryProcess eligible = start("_schemas_eligibility", 1).get(0)) {
                assertThat(agreedLeader(List.of(follower.get(0), eligible))).isEqualTo(eligible.url());
                Http.Response forwarded = http.post("/subjects/lone-value/versions", body(record("Lone")));
                assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
                assertThat(http.get("/subjects/lone-value/versions").body()).isEqualTo("[1]");
                assertThat(http.get("/v1/metadata/id").json().path("isLeader").asBoolean()).isFalse();
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(http.post("/subjects/lone2-value/versions", body(record("Lone2"))).errorCode()).isEqualTo(50004));
        } finally {
            follower.get(0).close();
        }
    }
}
