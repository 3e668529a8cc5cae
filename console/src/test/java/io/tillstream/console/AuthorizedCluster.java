package io.tillstream.console;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A SASL cluster of its own running Kafka's StandardAuthorizer (as {@code up --users-file} starts it),
 * and a console on it signing in as the broker user (a super user, as in {@code up}) that serves the
 * users ada (admin) and vic (viewer).
 */
final class AuthorizedCluster implements AutoCloseable {

    static final String ADMIN = "ada";
    static final String ADMIN_PASSWORD = "adapw";
    static final String VIEWER = "vic";
    static final String VIEWER_PASSWORD = "vicpw";

    private final LocalCluster cluster;
    private final ControlCenter console;
    private final Admin admin;

    private AuthorizedCluster(LocalCluster cluster, ControlCenter console, Admin admin) {
        this.cluster = cluster;
        this.console = console;
        this.admin = admin;
    }

    static AuthorizedCluster start(Environment env, Path dir) throws Exception {
        LocalCluster cluster = LocalCluster.start(TestClusters.freePorts(ClusterSpec.local(dir.resolve("kafka"), 1).withSasl(true)));
        try {
            Path users = Files.writeString(dir.resolve("users"), ADMIN + ": " + ADMIN_PASSWORD + ",admin\n"
                + VIEWER + ": " + VIEWER_PASSWORD + ",viewer\n");
            Map<String, Object> settings = new HashMap<>(cluster.clientSecurity());
            settings.put(ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            settings.put(ConsoleConfig.USERS_FILE_CONFIG, users.toString());
            ControlCenter console = env.startConsole(settings);
            Map<String, Object> adminSettings = new HashMap<>(cluster.clientSecurity());
            adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            return new AuthorizedCluster(cluster, console, Admin.create(adminSettings));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    ControlCenter console() {
        return console;
    }

    /** The ACLs Kafka's Admin API lists, asked as the broker user, not through the console. */
    Collection<AclBinding> aclsInKafka() throws ExecutionException, InterruptedException {
        return admin.describeAcls(AclBindingFilter.ANY).values().get();
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
        console.close();
        cluster.close();
    }
}
