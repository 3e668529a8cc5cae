package io.tillstream.console.acls;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One Kafka ACL as the page shows and sends it: who ({@code principal}, {@code host}) may or may
 * not ({@code permission}) do what ({@code operation}) to which resources ({@code resourceType},
 * {@code resourceName}, {@code patternType}), in Kafka's own names ({@code User:vic}, {@code READ},
 * {@code TOPIC}, {@code PREFIXED}).
 */
public record Acl(String principal, String host, String operation, String permission, String resourceType,
                  String resourceName, String patternType) {

    /** The one name the cluster resource has. */
    static final String CLUSTER_NAME = "kafka-cluster";
    static final String ANY_HOST = "*";
    private static final Set<AclOperation> OPERATIONS = concrete(AclOperation.values(), AclOperation.ANY, AclOperation.UNKNOWN);
    private static final Set<ResourceType> RESOURCE_TYPES = concrete(ResourceType.values(), ResourceType.ANY, ResourceType.UNKNOWN);

    static Acl of(AclBinding binding) {
        ResourcePattern resource = binding.pattern();
        AccessControlEntry entry = binding.entry();
        return new Acl(entry.principal(), entry.host(), entry.operation().name(), entry.permissionType().name(),
            resource.resourceType().name(), resource.name(), resource.patternType().name());
    }

    /**
     * This ACL as Kafka's binding, every field checked: a principal {@code Type:name}, a concrete
     * operation, permission, resource type and pattern ({@code LITERAL} or {@code PREFIXED}), and a
     * resource name ({@value #CLUSTER_NAME} for the cluster).
     *
     * @throws InvalidAclException naming the field that is wrong and what it may be
     */
    AclBinding toBinding() {
        KafkaPrincipal who = kafkaPrincipal();
        String from = host == null || host.isBlank() ? ANY_HOST : host.trim();
        AclOperation what = named("operation", operation, OPERATIONS, AclOperation::fromString);
        AclPermissionType allowed = named("permission", permission, Set.of(AclPermissionType.ALLOW, AclPermissionType.DENY),
            AclPermissionType::fromString);
        ResourceType type = named("resourceType", resourceType, RESOURCE_TYPES, ResourceType::fromString);
        PatternType pattern = patternType == null || patternType.isBlank() ? PatternType.LITERAL
            : named("patternType", patternType, Set.of(PatternType.LITERAL, PatternType.PREFIXED), PatternType::fromString);
        if (resourceName == null || resourceName.isBlank()) {
            throw new InvalidAclException("resourceName is missing: name the " + type.name().toLowerCase(Locale.ROOT)
                + " (* for every one)");
        }
        if (type == ResourceType.CLUSTER && !resourceName.equals(CLUSTER_NAME)) {
            throw new InvalidAclException("The cluster resource is named " + CLUSTER_NAME + ", not '" + resourceName + "'");
        }
        return new AclBinding(new ResourcePattern(type, resourceName.trim(), pattern),
            new AccessControlEntry(who.toString(), from, what, allowed));
    }

    /** {@code Type:name}, split at the first colon as Kafka's authorizer splits a principal. */
    private KafkaPrincipal kafkaPrincipal() {
        String text = principal == null ? "" : principal.trim();
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidAclException("principal must be Type:name, such as User:vic, not '" + principal + "'");
        }
        return new KafkaPrincipal(text.substring(0, colon), text.substring(colon + 1));
    }

    private interface Parser<T> {
        T parse(String name);
    }

    private static <T extends Enum<T>> T named(String field, String value, Set<T> allowed, Parser<T> parser) {
        T parsed = value == null ? null : parser.parse(value.trim());
        if (parsed == null || !allowed.contains(parsed)) {
            throw new InvalidAclException(field + " must be one of " + allowed.stream().map(Enum::name).sorted()
                .collect(Collectors.joining(", ")) + ", not '" + value + "'");
        }
        return parsed;
    }

    @SafeVarargs
    private static <T> Set<T> concrete(T[] values, T... wildcards) {
        Set<T> excluded = Set.of(wildcards);
        return Arrays.stream(values).filter(v -> !excluded.contains(v)).collect(Collectors.toUnmodifiableSet());
    }
}
