package io.tillstream.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSpecTest {

    private static final Path DATA = Path.of("data");

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 6})
    void nodeCountsOutsideOneToFiveAreRefused(int nodes) {
        assertThatThrownBy(() -> ClusterSpec.local(DATA, nodes))
            .isInstanceOf(ClusterException.class)
            .hasMessage("a local cluster has 1 to 5 nodes, not " + nodes);
    }

    @Test
    void nodesTakeAlternatingClientAndControllerPortsFromKafkasDefaults() {
        ClusterSpec spec = ClusterSpec.local(DATA, 3);

        assertThat(spec.nodes()).extracting(ClusterSpec.NodeSpec::clientPort).containsExactly(9092, 9094, 9096);
        assertThat(spec.nodes()).extracting(ClusterSpec.NodeSpec::controllerPort).containsExactly(9093, 9095, 9097);
        assertThat(spec.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertThat(spec.quorumVoters()).isEqualTo("0@127.0.0.1:9093,1@127.0.0.1:9095,2@127.0.0.1:9097");
    }

    @Test
    void replicationAndQuorumFollowTheNodeCount() {
        assertThat(ClusterSpec.local(DATA, 1).replicationFactor()).isEqualTo((short) 1);
        assertThat(ClusterSpec.local(DATA, 1).minInSyncReplicas()).isEqualTo(1);
        assertThat(ClusterSpec.local(DATA, 2).controllerCount()).isEqualTo(1);
        assertThat(ClusterSpec.local(DATA, 3).minInSyncReplicas()).isEqualTo(2);
        assertThat(ClusterSpec.local(DATA, 4).controllerCount()).isEqualTo(3);
        assertThat(ClusterSpec.local(DATA, 5).replicationFactor()).isEqualTo((short) 3);
        assertThat(ClusterSpec.local(DATA, 5).controllerCount()).isEqualTo(5);
    }

    @Test
    void kafkasInternalTopicsGetOnePartitionANode() {
        assertThat(ClusterSpec.local(DATA, 1).internalTopicPartitions()).isEqualTo(1);
        assertThat(ClusterSpec.local(DATA, 3).internalTopicPartitions()).isEqualTo(3);
    }

    @Test
    void anAdvertisedHostOtherThanLoopbackListensOnEveryInterface() {
        ClusterSpec remote = ClusterSpec.local(DATA, 1).withAdvertisedHost("kafka.example.com");
        ClusterSpec local = ClusterSpec.local(DATA, 1).withAdvertisedHost("localhost");

        assertThat(remote.bindHost()).isEqualTo("0.0.0.0");
        assertThat(remote.listensBeyondLoopback()).isTrue();
        assertThat(remote.bootstrapServers()).isEqualTo("kafka.example.com:9092");
        assertThat(local.listensBeyondLoopback()).isFalse();
    }

    @Test
    void portsThatWouldCollideBetweenNodesAreRefused() {
        assertThatThrownBy(() -> ClusterSpec.local(DATA, 2).withPorts(9092, 9094))
            .isInstanceOf(ClusterException.class)
            .hasMessageContaining("would collide");
    }
}
