package io.tillstream.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * What a viewer of {@code up --users-file} may do in Kafka: read every topic and its configs, consume
 * in any group (committing its offsets), and describe the cluster; never write, create or delete.
 * An admin creates further ACLs (a DENY on one topic wins over these grants) in the Control Center.
 */
final class ReaderAcls {

    private static final ResourcePattern ALL_TOPICS = new ResourcePattern(ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE,
        PatternType.LITERAL);
    private static final ResourcePattern ALL_GROUPS = new ResourcePattern(ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE,
        PatternType.LITERAL);
    private static final ResourcePattern CLUSTER = new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);

    private ReaderAcls() {
    }

    /** The grants of {@code user}. */
    static List<AclBinding> of(String user) {
        String principal = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, user).toString();
        List<AclBinding> grants = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE_CONFIGS)) {
            grants.add(allow(ALL_TOPICS, principal, operation));
        }
        grants.add(allow(ALL_GROUPS, principal, AclOperation.READ));
        for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
            grants.add(allow(CLUSTER, principal, operation));
        }
        return grants;
    }

    /** Gives {@code readers} their grants (again: creating an ACL that exists changes nothing) and takes them from {@code others}. */
    static void sync(Admin admin, Collection<String> readers, Collection<String> others)
        throws ExecutionException, InterruptedException {
        List<AclBinding> grants = readers.stream().flatMap(user -> of(user).stream()).toList();
        if (!grants.isEmpty()) {
            admin.createAcls(grants).all().get();
        }
        List<AclBindingFilter> revoked = others.stream().flatMap(user -> of(user).stream()).map(AclBinding::toFilter).toList();
        if (!revoked.isEmpty()) {
            admin.deleteAcls(revoked).all().get();
        }
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
