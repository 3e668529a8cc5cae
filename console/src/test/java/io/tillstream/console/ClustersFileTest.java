package io.tillstream.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a clusters file: each cluster's settings, and a one-line error naming file, key and problem for a bad one. */
class ClustersFileTest {

    @TempDir
    Path dir;

    private ConsoleConfig console(Path file, Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(Map.of(ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
            ConsoleConfig.REGISTRY_URL_CONFIG, "http://registry:8081", ConsoleConfig.CLUSTERS_FILE_CONFIG, file.toString()));
        settings.putAll(more);
        return new ConsoleConfig(settings);
    }

    private Path file(String... lines) throws Exception {
        return Files.writeString(dir.resolve("clusters.properties"), String.join("\n", lines) + "\n");
    }

    private void assertRefused(Path file, String... parts) {
        assertThatThrownBy(() -> ClustersFile.read(console(file, Map.of())))
            .isInstanceOf(ConsoleStartException.class)
            .satisfies(e -> assertThat(e.getMessage()).startsWith(file + ": ").contains(parts).doesNotContain("\n"));
    }

    @Test
    void eachClusterHasItsOwnSettingsOverTheConsolesAndItsClientFilesKafkaSettings() throws Exception {
        Files.writeString(dir.resolve("second-client.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        Path file = file("clusters=main, second",
            "cluster.main.bootstrap.servers=a:9092,b:9092",
            "cluster.second.bootstrap.servers=c:9092",
            "cluster.second.command.config=second-client.properties",
            "cluster.second.registry.url=https://other:8081",
            "cluster.second.registry.user.info=u:p",
            "cluster.second.read.only=true",
            "cluster.second.sales.api.url=http://pipeline:7070",
            "cluster.second.alerts.dead.letter.topics=dlq_a,dlq_b",
            "cluster.second.dead.letters.redrive.limit=7");

        List<ConsoleConfig> clusters = ClustersFile.read(console(file, Map.of("security.protocol", "SSL")));

        assertThat(clusters).extracting(ConsoleConfig::clusterName).containsExactly("main", "second");
        ConsoleConfig main = clusters.get(0);
        ConsoleConfig second = clusters.get(1);
        assertThat(main.bootstrapServers()).containsExactly("a:9092", "b:9092");
        assertThat(main.registryUrl()).isEqualTo("http://registry:8081");
        assertThat(main.readOnly()).isFalse();
        assertThat(main.kafkaClientProps()).doesNotContainKey("security.protocol");
        assertThat(second.kafkaClientProps()).containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("bootstrap.servers", "c:9092");
        assertThat(second.registryUrl()).isEqualTo("https://other:8081");
        assertThat(second.registryUserInfo()).isEqualTo("u:p");
        assertThat(second.readOnly()).isTrue();
        assertThat(second.salesApiUrl()).isEqualTo("http://pipeline:7070");
        assertThat(second.deadLetterTopics()).containsExactly("dlq_a", "dlq_b");
        assertThat(second.deadLettersRedriveLimit()).isEqualTo(7);
        assertThat(main.deadLettersRedriveLimit()).isEqualTo(3);
    }

    @Test
    void theConsolesReadOnlyHoldsForEveryCluster() throws Exception {
        Path file = file("clusters=a", "cluster.a.bootstrap.servers=a:9092", "cluster.a.read.only=false");

        assertThat(ClustersFile.read(console(file, Map.of(ConsoleConfig.READ_ONLY_CONFIG, true))).get(0).readOnly()).isTrue();
    }

    @Test
    void withoutAClustersFileTheConsoleShowsItsOneCluster() {
        ConsoleConfig single = new ConsoleConfig(Map.of(ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"));

        assertThat(ClustersFile.read(single)).containsExactly(single);
        assertThat(single.clusterName()).isEqualTo(ConsoleConfig.DEFAULT_CLUSTER_NAME);
    }

    @Test
    void aMissingFileIsRefused() {
        assertRefused(dir.resolve("nowhere.properties"), "no such file");
    }

    @Test
    void aFileWithoutClustersIsRefused() throws Exception {
        assertRefused(file("cluster.a.bootstrap.servers=a:9092"), "clusters: missing");
    }

    @Test
    void aNameThatCannotStandInAPathIsRefused() throws Exception {
        assertRefused(file("clusters=main,the other"), "clusters: 'the other' is not a cluster name");
    }

    @Test
    void aClusterListedTwiceIsRefused() throws Exception {
        assertRefused(file("clusters=a,b,a", "cluster.a.bootstrap.servers=a:9092"), "clusters: a is listed twice");
    }

    @Test
    void aKeyOutsideTheFilesShapeIsRefused() throws Exception {
        assertRefused(file("clusters=a", "cluster.a.bootstrap.servers=a:9092", "bootstrap.servers=x:9092"),
            "bootstrap.servers: unknown key");
    }

    @Test
    void aSettingForAClusterNotListedIsRefused() throws Exception {
        assertRefused(file("clusters=a", "cluster.a.bootstrap.servers=a:9092", "cluster.b.bootstrap.servers=b:9092"),
            "cluster.b.bootstrap.servers: no cluster b in clusters=a");
    }

    @Test
    void anUnknownSettingIsRefused() throws Exception {
        assertRefused(file("clusters=a", "cluster.a.bootstrap.servers=a:9092", "cluster.a.listen.port=1"),
            "cluster.a.listen.port: unknown setting listen.port", "bootstrap.servers");
    }

    @Test
    void aClusterWithoutBrokersIsRefused() throws Exception {
        assertRefused(file("clusters=a,b", "cluster.a.bootstrap.servers=a:9092"),
            "cluster.b.bootstrap.servers: missing");
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() throws Exception {
        assertRefused(file("clusters=a", "cluster.a.bootstrap.servers=a:9092", "cluster.a.read.only=perhaps"),
            "cluster.a.read.only: ", "perhaps");
        assertRefused(file("clusters=a", "cluster.a.bootstrap.servers=a:9092", "cluster.a.sales.api.url=pipeline:7070"),
            "cluster.a.sales.api.url: ", "http://");
    }

    @Test
    void aMissingClientFileIsRefusedNamingIt() throws Exception {
        assertRefused(file("clusters=a", "cluster.a.bootstrap.servers=a:9092", "cluster.a.command.config=gone.properties"),
            "cluster.a.command.config: ", "gone.properties: no such file");
    }
}
