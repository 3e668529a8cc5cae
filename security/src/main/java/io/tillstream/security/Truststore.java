package io.tillstream.security;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The certificate authorities a Tillstream server trusts when it calls another over https. */
public record Truststore(Path location, String password, String type) {

    /**
     * A TLS context trusting this store's certificates only.
     *
     * @throws TlsException naming the store when it cannot be read
     */
    public SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(location)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException("cannot read truststore " + location + ": " + e.getMessage(), e);
        }
    }

    /** Never the password: this record may reach a log line. */
    @Override
    public String toString() {
        return "Truststore[" + location + "]";
    }
}
