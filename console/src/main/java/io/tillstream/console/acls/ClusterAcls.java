package io.tillstream.console.acls;

import io.tillstream.console.cluster.Futures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A cluster's ACLs through Kafka's Admin API: listed by principal and resource, created, deleted.
 * A cluster without an authorizer answers every call with {@link NoAuthorizerException}.
 */
public final class ClusterAcls {

    static final String NO_AUTHORIZER = "This cluster runs no authorizer, so it keeps no ACLs and every client it lets in "
        + "may do everything. Brokers enable ACLs with "
        + "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer (tillstream up --users-file does).";
    private static final Comparator<Acl> ORDER = Comparator.comparing(Acl::principal).thenComparing(Acl::resourceType)
        .thenComparing(Acl::resourceName).thenComparing(Acl::patternType).thenComparing(Acl::operation)
        .thenComparing(Acl::permission).thenComparing(Acl::host);

    private final Admin admin;

    public ClusterAcls(Admin admin) {
        this.admin = admin;
    }

    /**
     * The ACLs of {@code principal} (exactly, such as {@code User:vic}) on resources of {@code resourceType}
     * that apply to {@code resourceName}: those naming it, prefixes of it and the wildcard; null matches any.
     */
    public List<Acl> list(String principal, String resourceType, String resourceName) {
        ResourceType type = resourceType == null || resourceType.isBlank() ? ResourceType.ANY : ResourceType.fromString(resourceType);
        if (type == ResourceType.UNKNOWN) {
            throw new InvalidAclException("resourceType must be a Kafka resource type such as TOPIC or GROUP, not '"
                + resourceType + "'");
        }
        boolean named = resourceName != null && !resourceName.isBlank();
        AclBindingFilter filter = new AclBindingFilter(
            new ResourcePatternFilter(type, named ? resourceName.trim() : null, named ? PatternType.MATCH : PatternType.ANY),
            new AccessControlEntryFilter(principal == null || principal.isBlank() ? null : principal.trim(), null,
                AclOperation.ANY, AclPermissionType.ANY));
        Collection<AclBinding> bindings = await(admin.describeAcls(filter).values());
        return bindings.stream().map(Acl::of).sorted(ORDER).toList();
    }

    /** Creates {@code acl}, checked first; creating one that exists changes nothing, as in Kafka. */
    public Acl create(Acl acl) {
        AclBinding binding = acl.toBinding();
        await(admin.createAcls(List.of(binding)).all());
        return Acl.of(binding);
    }

    /** Deletes exactly {@code acl}; false when the cluster has no such ACL. */
    public boolean delete(Acl acl) {
        DeleteAclsResult result = admin.deleteAcls(List.of(acl.toBinding().toFilter()));
        return !await(result.all()).isEmpty();
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return Futures.join(future);
        } catch (SecurityDisabledException e) {
            throw new NoAuthorizerException(NO_AUTHORIZER);
        }
    }
}
