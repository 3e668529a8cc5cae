package io.tillstream.cluster;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * TLS for the client listeners of a local cluster ({@code SASL_SSL}): the brokers' keystore, and the
 * truststore that clients (the brokers among them, to each other) check the brokers' certificate with.
 *
 * @param truststore the certificate authorities to trust; null for the JVM's own (a publicly signed keystore)
 * @param type       {@code PKCS12} or {@code JKS}, for both stores
 */
public record ListenerTls(Path keystore, Path truststore, String password, String type) {

    /** The brokers' own settings for an SSL listener. */
    Map<String, String> brokerProperties() {
        Map<String, String> props = new HashMap<>(clientProperties());
        props.putAll(Map.of("ssl.keystore.location", keystore.toString(), "ssl.keystore.password", password,
            "ssl.keystore.type", type));
        return props;
    }

    /** A client's settings to trust the brokers; none when the JVM's own trust does. */
    public Map<String, String> clientProperties() {
        return truststore == null ? Map.of() : Map.of("ssl.truststore.location", truststore.toString(),
            "ssl.truststore.password", password, "ssl.truststore.type", type);
    }

    /** Never the password: this record may reach a log line. */
    @Override
    public String toString() {
        return "ListenerTls[" + keystore + ", " + truststore + "]";
    }
}
