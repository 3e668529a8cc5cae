package io.tillstream.cluster;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka user the brokers of a SASL cluster sign in to each other as, and Tillstream's own
 * components (registry, Control Center, processor) started with the cluster connect as. Its SCRAM
 * credential is written into the metadata when the data directory is formatted, since a SASL broker
 * cannot reach any other before its own credential exists; its password stays in the data directory.
 */
public record BrokerUser(String name, String password) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String NAME = "tillstream";

    static BrokerUser generate() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new BrokerUser(NAME, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Kafka's JAAS line for {@code user} and {@code password}, quoted so any password survives. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quoted(user)
            + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Client settings that sign in as {@code user} to a cluster of {@code spec} (SASL_PLAINTEXT or SASL_SSL). */
    public static Map<String, String> clientProperties(ClusterSpec spec, String user, String password) {
        Map<String, String> props = new HashMap<>(Map.of("security.protocol", spec.securityProtocol(),
            "sasl.mechanism", MECHANISM, "sasl.jaas.config", jaasConfig(user, password)));
        if (spec.tls() != null) {
            props.putAll(spec.tls().clientProperties());
        }
        return props;
    }

    /** Never the password: this record may reach a log line. */
    @Override
    public String toString() {
        return "BrokerUser[" + name + "]";
    }
}
