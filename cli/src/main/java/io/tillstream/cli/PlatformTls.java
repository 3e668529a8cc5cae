package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.DataDirectory;
import io.tillstream.cluster.ListenerTls;
import io.tillstream.security.Https;
import io.tillstream.security.LocalCertificates;
import io.tillstream.security.TlsException;
import io.tillstream.security.Truststore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The TLS of {@code up --tls}: the keystore every listener serves with, what Tillstream's own clients
 * trust (null: the JVM's own authorities, for a given keystore), and the local CA's certificate to hand
 * to browsers (null for a given keystore).
 */
record PlatformTls(Https https, Truststore truststore, Path caCertificate) {

    /**
     * The TLS {@code options} ask for, null for none; the local CA and server certificate are made in the
     * data directory once.
     *
     * @throws CommandFailedException (usage) for TLS without users or a keystore without its password
     */
    static PlatformTls of(LocalPlatformOptions options, ClusterSpec spec) {
        if (!options.tls && options.tlsStore.keystore == null) {
            return null;
        }
        if (options.usersFile == null) {
            throw new CommandFailedException("--tls needs --users-file: TLS is there to protect the credentials of its users",
                ExitCode.USAGE);
        }
        if (options.tlsStore.enabled()) {
            Path keystore = options.tlsStore.keystore;
            if (!Files.isReadable(keystore)) {
                throw new CommandFailedException("--tls-keystore " + keystore + ": no such readable file", ExitCode.USAGE);
            }
            return new PlatformTls(new Https(keystore.toAbsolutePath(), options.tlsStore.password,
                LocalCertificates.STORE_TYPE), null, null);
        }
        // Opened first so that a directory that is not ours is refused before anything is written into it.
        Path dir = DataDirectory.open(spec).root().resolve(DataDirectory.TLS_DIRECTORY);
        try {
            LocalCertificates.Stores stores = LocalCertificates.ensure(dir, List.of(spec.advertisedHost()));
            return new PlatformTls(new Https(stores.keystore(), stores.password(), LocalCertificates.STORE_TYPE),
                new Truststore(stores.truststore(), stores.password(), LocalCertificates.STORE_TYPE), stores.caCertificate());
        } catch (TlsException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
    }

    /** The same stores for Kafka's listeners. */
    ListenerTls listenerTls() {
        return new ListenerTls(https.keystore(), truststore == null ? null : truststore.location(), https.password(),
            https.type());
    }
}
