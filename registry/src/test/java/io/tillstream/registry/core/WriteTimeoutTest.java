package io.tillstream.registry.core;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.leader.LeaderElection;
import io.tillstream.registry.leader.Leadership;
import io.tillstream.registry.leader.RegistryInstance;
import io.tillstream.registry.model.CompatibilityLevel;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.model.SchemaVersion;
import io.tillstream.registry.store.KafkaLog;
import io.tillstream.registry.store.RegistryState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write whose outcome the registry cannot learn in time (here: its log reader is stalled past
 * {@code kafkastore.timeout.ms} after Kafka took the record) must not let the next registration take
 * the same ID: the writer catches up with the log before it hands out another one.
 */
class WriteTimeoutTest {

    private static final long TIMEOUT_MS = 1_500;

    @TempDir
    static Path dataDir;
    private static LocalCluster cluster;
    private KafkaLog log;
    private LeaderElection election;
    private volatile boolean readerStalled;
    private SchemaRegistry registry;

    @BeforeAll
    static void startCluster() {
        cluster = TestClusters.start(dataDir, 1);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void start(TestInfo test) throws Exception {
        String topic = "_schemas_" + test.getTestMethod().orElseThrow().getName();
        Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
        RegistryState state = new RegistryState();
        log = new KafkaLog(topic, client, TIMEOUT_MS, (key, value) -> {
            while (readerStalled) {
                Thread.onSpinWait();
            }
            state.apply(key, value);
        });
        log.start(30_000);
        Leadership leadership = new Leadership(() -> log.openWriter("tillstream-registry-" + topic), TIMEOUT_MS * 4);
        election = new LeaderElection(new RegistryInstance("http://127.0.0.1:1", true), "registry-" + topic, topic,
            client, leadership);
        election.start();
        registry = new SchemaRegistry(state, log, leadership, CompatibilityLevel.BACKWARD);
    }

    @AfterEach
    void stop() {
        readerStalled = false;
        election.close();
        log.close();
    }

    private static SchemaRequest avro(String schema) {
        return new SchemaRequest(schema, null, null, null, null, null, null);
    }

    private static ErrorCode errorOf(Runnable call) {
        try {
            call.run();
        } catch (RegistryException e) {
            return e.errorCode();
        }
        throw new AssertionError("expected a RegistryException");
    }

    @Test
    void aRegistrationAfterAWriteThatTimedOutGetsAnotherIdOnceTheLogIsRead() {
        registry.register("warm-value", avro("\"boolean\""), false);

        readerStalled = true;
        assertThat(errorOf(() -> registry.register("first-value", avro("\"int\""), false))).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
        // Kafka holds the first record, but this instance has not read it: handing out an ID now could repeat it.
        assertThat(errorOf(() -> registry.register("second-value", avro("\"long\""), false))).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
        readerStalled = false;

        RegisteredSchema second = registry.register("second-value", avro("\"long\""), false);
        RegisteredSchema first = registry.version("first-value", SchemaVersion.latest(), false);
        assertThat(first.schema()).isEqualTo("\"int\"");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(registry.register("first-value", avro("\"int\""), false)).isEqualTo(first);
        assertThat(registry.versions("first-value", LookupFilter.LIVE)).containsExactly(1);
    }

    @Test
    void anInstanceThatHasLeftTheElectionNoLongerWrites() {
        registry.register("warm-value", avro("\"boolean\""), false);
        election.close();
        assertThatThrownBy(() -> registry.register("late-value", avro("\"string\""), false))
            .isInstanceOf(RegistryException.class)
            .satisfies(e -> assertThat(((RegistryException) e).errorCode()).isEqualTo(ErrorCode.UNKNOWN_LEADER));
    }
}
