package io.tillstream.cluster;

import io.tillstream.cluster.testing.TestClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaslClusterTest {

    @TempDir
    Path dataDir;

    private static Map<String, Object> client(LocalCluster cluster, Map<String, String> security) {
        Map<String, Object> props = new HashMap<>(security);
        props.put("bootstrap.servers", cluster.bootstrapServers());
        props.put("request.timeout.ms", 5000);
        props.put("default.api.timeout.ms", 10000);
        props.put("max.block.ms", 10000);
        return props;
    }

    @Test
    void aSaslClusterAcceptsItsUsersOnlyAndKeepsItsBrokerUserAcrossRestarts() throws Exception {
        ClusterSpec spec = TestClusters.freePorts(ClusterSpec.local(dataDir, 1).withSasl(true).withAdmins(Set.of("alice")));
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("broker-user.properties"))))
                .isEqualTo("rw-------");
            try (Admin admin = Admin.create(client(cluster, cluster.clientSecurity()))) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("alice",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "s3cret \"quoted\""))).all().get();
            }
            Map<String, String> alice = sasl("alice", "s3cret \"quoted\"");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(client(cluster, alice), new StringSerializer(),
                new StringSerializer())) {
                assertThat(producer.send(new ProducerRecord<>("secured", "k", "v")).get(20, TimeUnit.SECONDS).offset()).isZero();
            }

            Map<String, String> wrong = new HashMap<>(alice);
            wrong.put("sasl.jaas.config", BrokerUser.jaasConfig("alice", "guess"));
            try (Admin admin = Admin.create(client(cluster, wrong))) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            try (Admin admin = Admin.create(client(cluster, Map.of()))) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(), "a PLAINTEXT client")
                    .isInstanceOf(ExecutionException.class);
            }
        }
        try (LocalCluster again = LocalCluster.start(spec); Admin admin = Admin.create(client(again, again.clientSecurity()))) {
            assertThat(admin.describeUserScramCredentials().all().get()).containsKeys("alice", "tillstream");
        }
    }

    @Test
    void onASaslClusterAdminsMayDoEverythingAndOtherUsersWhatTheirAclsAllow() throws Exception {
        ClusterSpec spec = TestClusters.freePorts(ClusterSpec.local(dataDir, 1).withSasl(true).withAdmins(Set.of("ada")));
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            try (Admin admin = Admin.create(client(cluster, cluster.clientSecurity()))) {
                admin.alterUserScramCredentials(List.of(
                    new UserScramCredentialUpsertion("ada", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "adapw"),
                    new UserScramCredentialUpsertion("vic", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "vicpw")))
                    .all().get();
            }
            try (KafkaProducer<String, String> ada = producer(cluster, "ada", "adapw")) {
                assertThat(ada.send(new ProducerRecord<>("by-admin", "k", "v")).get(20, TimeUnit.SECONDS).offset()).isZero();
            }
            try (KafkaProducer<String, String> vic = producer(cluster, "vic", "vicpw")) {
                assertThatThrownBy(() -> vic.send(new ProducerRecord<>("by-admin", "k", "v")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            try (Admin ada = Admin.create(client(cluster, sasl("ada", "adapw")))) {
                ada.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "by-admin", PatternType.LITERAL),
                    new AccessControlEntry("User:vic", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
            }
            try (KafkaProducer<String, String> vic = producer(cluster, "vic", "vicpw")) {
                assertThat(vic.send(new ProducerRecord<>("by-admin", "k", "v")).get(20, TimeUnit.SECONDS).offset()).isOne();
            }
        }
    }

    private static Map<String, String> sasl(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", BrokerUser.MECHANISM,
            "sasl.jaas.config", BrokerUser.jaasConfig(user, password));
    }

    private static KafkaProducer<String, String> producer(LocalCluster cluster, String user, String password) {
        return new KafkaProducer<>(client(cluster, sasl(user, password)), new StringSerializer(), new StringSerializer());
    }

    @Test
    void aDataDirectoryCreatedOpenIsNotTurnedIntoASaslOneWithoutItsBrokerUser() {
        ClusterSpec open = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        LocalCluster.start(open).close();
        assertThatThrownBy(() -> LocalCluster.prepare(open.withSasl(true)))
            .isInstanceOf(DataDirectoryException.class)
            .hasMessageContaining("was created without --users-file");
    }
}
