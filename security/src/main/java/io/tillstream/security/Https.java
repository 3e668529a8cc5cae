package io.tillstream.security;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.nio.file.Path;

/**
 * TLS for a Tillstream HTTP server: its one listener speaks https with a PKCS12 (or JKS) keystore, and
 * plain HTTP is not served at all, so credentials never cross the network in clear.
 *
 * @param keystore the server's key and certificate chain
 * @param password the keystore's (and its key's) password
 * @param type     {@code PKCS12} or {@code JKS}
 */
public record Https(Path keystore, String password, String type) {

    /** The store format Tillstream's own TLS options take unless told otherwise, and the local CA writes. */
    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    /** Never the password: this record may reach a log line. */
    @Override
    public String toString() {
        return "Https[" + keystore + "]";
    }

    /** Makes {@code config}'s listener on {@code host:port} (0 picks a free one) an https one. */
    public void apply(JavalinConfig config, String host, int port) {
        config.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keystore.toString());
            tls.setKeyStorePassword(password);
            tls.setKeyStoreType(type);
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            // The certificate names the hosts it was made for; clients check that, the server need not refuse others.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        });
    }
}
