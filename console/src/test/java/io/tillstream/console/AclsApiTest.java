package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Environment.Extension.class)
class AclsApiTest {

    @TempDir
    static Path dir;
    private static AuthorizedCluster secured;

    @BeforeAll
    static void startSecuredCluster(Environment env) throws Exception {
        secured = AuthorizedCluster.start(env, dir);
    }

    @AfterAll
    static void stopSecuredCluster() {
        secured.close();
    }

    private static Client admin() {
        return new Client(secured.console().url()).basicAuth(AuthorizedCluster.ADMIN, AuthorizedCluster.ADMIN_PASSWORD);
    }

    private static Map<String, String> acl(String principal, String operation, String type, String name, String pattern) {
        return Map.of("principal", principal, "host", "*", "operation", operation, "permission", "ALLOW",
            "resourceType", type, "resourceName", name, "patternType", pattern);
    }

    private static String query(Map<String, String> acl) {
        List<String> pairs = new ArrayList<>();
        acl.forEach((key, value) -> pairs.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static List<String> principals(JsonNode list) {
        List<String> principals = new ArrayList<>();
        list.get("acls").forEach(acl -> principals.add(acl.get("principal").asText() + " " + acl.get("operation").asText()
            + " " + acl.get("resourceName").asText()));
        return principals;
    }

    @Test
    void anAclCreatedThroughTheApiIsKafkasAndListedByPrincipalAndByTheResourcesItAppliesTo() throws Exception {
        Client client = admin();
        Client.Response created = client.post("/api/v1/acls", acl("User:carol", "READ", "TOPIC", "orders", "LITERAL"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(client.post("/api/v1/acls", acl("User:dave", "WRITE", "TOPIC", "ord", "PREFIXED")).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/acls", acl("User:carol", "READ", "GROUP", "carols", "LITERAL")).status()).isEqualTo(201);

        assertThat(secured.aclsInKafka()).contains(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
            new AccessControlEntry("User:carol", "*", AclOperation.READ, AclPermissionType.ALLOW)));
        assertThat(principals(client.get("/api/v1/acls?principal=User:carol").body()))
            .containsExactly("User:carol READ carols", "User:carol READ orders");
        assertThat(principals(client.get("/api/v1/acls?resourceType=TOPIC&resourceName=orders").body()))
            .as("the literal ACL and the prefix that covers it").containsExactlyInAnyOrder("User:carol READ orders", "User:dave WRITE ord");
        assertThat(client.get("/api/v1/acls").body().get("authorizer").asBoolean()).isTrue();
    }

    @Test
    void aDeletionNamesTheAclExactlyAndRepeatsItsPrincipal() throws Exception {
        Client client = admin();
        Map<String, String> acl = acl("User:erin", "DESCRIBE", "GROUP", "erins", "LITERAL");
        client.post("/api/v1/acls", acl);

        Client.Response unconfirmed = client.delete("/api/v1/acls?" + query(acl) + "&confirm=User:someone");
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.body().get("error").get("code").asText()).isEqualTo("confirmation_mismatch");
        Map<String, String> other = acl("User:erin", "READ", "GROUP", "erins", "LITERAL");
        Client.Response missing = client.delete("/api/v1/acls?" + query(other) + "&confirm=User:erin");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error").get("code").asText()).isEqualTo("acl_not_found");
        assertThat(secured.aclsInKafka()).anyMatch(b -> b.entry().principal().equals("User:erin"));

        assertThat(client.delete("/api/v1/acls?" + query(acl) + "&confirm=User:erin").status()).isEqualTo(204);
        assertThat(secured.aclsInKafka()).noneMatch(b -> b.entry().principal().equals("User:erin"));
    }

    @Test
    void aMalformedAclIsRefusedNamingTheField() {
        Client client = admin();
        Client.Response noPrincipal = client.post("/api/v1/acls", acl("vic", "READ", "TOPIC", "t", "LITERAL"));
        assertThat(noPrincipal.status()).isEqualTo(400);
        assertThat(noPrincipal.body().get("error").get("message").asText()).contains("principal must be Type:name");
        Client.Response badOperation = client.post("/api/v1/acls", acl("User:vic", "READS", "TOPIC", "t", "LITERAL"));
        assertThat(badOperation.body().get("error").get("message").asText()).startsWith("operation must be one of").contains("READ");
        Client.Response matchPattern = client.post("/api/v1/acls", acl("User:vic", "READ", "TOPIC", "t", "MATCH"));
        assertThat(matchPattern.body().get("error").get("message").asText()).contains("patternType must be one of LITERAL, PREFIXED");
        Client.Response cluster = client.post("/api/v1/acls", acl("User:vic", "DESCRIBE", "CLUSTER", "mine", "LITERAL"));
        assertThat(cluster.body().get("error").get("message").asText()).contains("kafka-cluster");
        assertThat(client.get("/api/v1/acls?resourceType=TABLE").status()).isEqualTo(400);
    }

    @Test
    void aViewerListsTheAclsButMayNotCreateOrDeleteOne() throws Exception {
        Client viewer = new Client(secured.console().url()).basicAuth(AuthorizedCluster.VIEWER, AuthorizedCluster.VIEWER_PASSWORD);
        assertThat(viewer.get("/api/v1/acls").status()).isEqualTo(200);
        Map<String, String> acl = acl("User:vic", "ALL", "TOPIC", "*", "LITERAL");
        assertThat(viewer.post("/api/v1/acls", acl).status()).isEqualTo(403);
        assertThat(viewer.delete("/api/v1/acls?" + query(acl) + "&confirm=User:vic").status()).isEqualTo(403);
        assertThat(secured.aclsInKafka()).noneMatch(b -> b.entry().principal().equals("User:vic"));
    }

    @Test
    void onAClusterWithoutAnAuthorizerTheListSaysSoAndChangesAreRefused(Environment env) {
        Client open = new Client(env.console().url());
        JsonNode list = open.get("/api/v1/acls").body();
        assertThat(list.get("authorizer").asBoolean()).isFalse();
        assertThat(list.get("message").asText()).contains("runs no authorizer").contains("StandardAuthorizer");
        assertThat(list.get("acls")).isEmpty();
        Client.Response refused = open.post("/api/v1/acls", acl("User:vic", "READ", "TOPIC", "t", "LITERAL"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("error").get("code").asText()).isEqualTo("no_authorizer");
    }
}
