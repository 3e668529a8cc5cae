package io.tillstream.cli;

import io.tillstream.security.Https;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The certificate authorities a server trusts when it calls another over https (an https registry,
 * other pipeline instances, a registry leader): DATA_DIR/tls/truststore.p12 of a secured {@code up},
 * say. Each command names the settings it goes to.
 */
final class TruststoreOptions {

    @Option(names = "--tls-truststore", paramLabel = "FILE",
        description = "A truststore of the certificate authorities to trust when calling https servers "
            + "(DATA_DIR/tls/truststore.p12 of 'tillstream up --tls'); the JVM's own when not given.")
    Path location;

    @Option(names = "--tls-truststore-password", paramLabel = "PASSWORD", description = "The --tls-truststore's password.")
    String password;

    @Option(names = "--tls-truststore-type", paramLabel = "TYPE", defaultValue = Https.DEFAULT_STORE_TYPE,
        description = "The --tls-truststore's format: PKCS12 (default) or JKS.")
    String type;

    boolean given() {
        return location != null;
    }

    String type() {
        return type.toUpperCase(Locale.ROOT);
    }

    /** Puts the truststore, when one is given, under the three setting names of its consumer. */
    void putInto(Map<String, Object> settings, String locationKey, String passwordKey, String typeKey) {
        if (location != null) {
            settings.put(locationKey, location.toString());
            settings.put(passwordKey, password == null ? "" : password);
            settings.put(typeKey, type());
        }
    }
}
