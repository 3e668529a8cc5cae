package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tillstream.console.ConsoleApiTest.assertError;
import static io.tillstream.console.TwoClusters.MAIN;
import static io.tillstream.console.TwoClusters.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One console over two real clusters from a clusters file: each cluster's paths answer for it alone. */
@ExtendWith(Environment.Extension.class)
class ClustersApiTest {

    private static TwoClusters clusters;
    private static Client client;

    @BeforeAll
    static void start(Environment env) {
        clusters = TwoClusters.start(env);
        client = new Client(clusters.console().url());
    }

    @AfterAll
    static void stop() {
        if (clusters != null) {
            clusters.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> topicNames(String path) {
        Client.Response response = client.get(path);
        assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.body().forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    @Test
    void theClustersAreListedInTheFilesOrderWithTheirBrokersAndWhetherTheyAreReachable() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode listed = client.get("/api/v1/clusters").body();
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).get("name").asText()).isEqualTo(MAIN);
            assertThat(listed.get(1).get("name").asText()).isEqualTo(SECOND);
            assertThat(listed.get(0).get("readOnly").asBoolean()).isFalse();
            assertThat(listed.get(1).get("readOnly").asBoolean()).isTrue();
            assertThat(listed.get(1).at("/bootstrapServers/0").asText()).isEqualTo(clusters.bootstrapServers(SECOND));
            assertThat(listed.findValues("reachable")).allSatisfy(r -> assertThat(r.asBoolean()).isTrue());
        });
        JsonNode info = client.get("/api/v1/clusters/" + SECOND + "/info").body();
        assertThat(info.get("cluster").asText()).isEqualTo(SECOND);
        assertThat(info.get("readOnly").asBoolean()).isTrue();
        assertThat(client.get("/api/v1/info").body().get("cluster").asText()).isEqualTo(MAIN);
    }

    @Test
    void eachClustersPathsShowItsOwnTopicsAndThePathsWithoutAClusterTheFirstOnes() {
        String onMain = unique("on-main");
        String onSecond = unique("on-second");
        clusters.createTopic(MAIN, onMain);
        clusters.createTopic(SECOND, onSecond);

        // The lists come from each cluster's samples, which see a topic made behind the console's back within a second.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(topicNames("/api/v1/clusters/" + MAIN + "/topics")).contains(onMain).doesNotContain(onSecond);
            assertThat(topicNames("/api/v1/clusters/" + SECOND + "/topics")).contains(onSecond).doesNotContain(onMain);
            assertThat(topicNames("/api/v1/topics")).contains(onMain).doesNotContain(onSecond);
        });
        assertThat(client.get("/api/v1/clusters/" + SECOND + "/topics/" + onSecond).status()).isEqualTo(200);
        assertError(client.get("/api/v1/clusters/" + MAIN + "/topics/" + onSecond), 404, "topic_not_found");
        assertThat(client.get("/api/v1/clusters/" + SECOND + "/cluster").body().at("/brokers/0/port").asInt())
            .isEqualTo(Integer.parseInt(clusters.bootstrapServers(SECOND).replaceFirst(".*:", "")));
    }

    @Test
    void aReadOnlyClusterRefusesAdminActionsWhileTheOtherAllowsThem() throws Exception {
        String refused = unique("refused");
        String created = unique("created");

        assertError(client.post("/api/v1/clusters/" + SECOND + "/topics", Map.of("name", refused, "partitions", 1)),
            403, "read_only");
        assertThat(client.post("/api/v1/clusters/" + MAIN + "/topics", Map.of("name", created, "partitions", 1)).status())
            .isEqualTo(201);

        assertThat(clusters.topics(SECOND)).doesNotContain(refused);
        assertThat(clusters.topics(MAIN)).contains(created);
    }

    @Test
    void aClusterTheConsoleDoesNotShowIsNotFoundAndNamesTheOnesItShows() {
        Client.Response response = client.get("/api/v1/clusters/third/topics");

        assertError(response, 404, "cluster_not_found");
        assertThat(response.body().at("/error/message").asText()).contains("third", MAIN, SECOND);
    }

    @Test
    void metricsCarryTheClusterTheyAreAbout() throws Exception {
        String group = unique("lagging");
        String topic = unique("lagged");
        clusters.createTopic(SECOND, topic);
        try (Admin admin = clusters.admin(SECOND)) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();
        }

        assertThat(client.get("/api/v1/clusters/" + SECOND + "/topics").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/clusters/no-such-cluster/topics").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = client.get("/metrics").text();
            assertThat(metrics).contains("http_server_requests_seconds_count{cluster=\"" + SECOND
                + "\",method=\"GET\",route=\"/api/v1/clusters/{cluster}/topics\",status=\"200\"}")
                .contains("http_server_requests_seconds_count{cluster=\"\",method=\"GET\",route=\"/api/v1/clusters/{cluster}/topics\","
                    + "status=\"404\"}")
                .doesNotContain("no-such-cluster");
            assertThat(metrics).containsPattern("tillstream_console_sample_duration_seconds_count\\{cluster=\"" + SECOND + "\"")
                .containsPattern("tillstream_console_sample_duration_seconds_count\\{cluster=\"" + MAIN + "\"")
                .containsPattern("kafka_consumergroup_lag_sum\\{cluster=\"" + SECOND + "\",consumergroup=\"" + group + "\"} 0");
        });
    }
}
