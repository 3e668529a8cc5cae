package io.tillstream.security;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpsTest {

    @TempDir
    Path dir;

    private static HttpClient trusting(LocalCertificates.Stores stores) throws Exception {
        KeyStore truststore = KeyStore.getInstance(LocalCertificates.STORE_TYPE);
        try (InputStream in = Files.newInputStream(stores.truststore())) {
            truststore.load(in, stores.password().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(truststore);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    @Test
    void theLocalAuthorityIsMadeOnceAndItsServerCertificateServesHttpsOnly() throws Exception {
        LocalCertificates.Stores stores = LocalCertificates.ensure(dir, List.of("sales.example.com"));
        String ca = Files.readString(stores.caCertificate());
        assertThat(ca).startsWith("-----BEGIN CERTIFICATE-----");

        Https https = new Https(stores.keystore(), stores.password(), LocalCertificates.STORE_TYPE);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            https.apply(config, "127.0.0.1", 0);
            config.routes.get("/", ctx -> ctx.result("secret"));
        }).start();
        try {
            int port = app.port();
            HttpResponse<String> answer = trusting(stores).send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).isEqualTo("secret");
            assertThat(trusting(stores).send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP to the TLS port").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString()))
                .as("a client that does not trust the local CA").isInstanceOf(SSLHandshakeException.class);
        } finally {
            app.stop();
        }

        LocalCertificates.Stores again = LocalCertificates.ensure(dir, List.of("sales.example.com"));
        assertThat(Files.readString(again.caCertificate())).isEqualTo(ca);
        assertThat(again.password()).isEqualTo(stores.password());
        LocalCertificates.Stores moved = LocalCertificates.ensure(dir, List.of("other.example.com"));
        assertThat(Files.readString(moved.caCertificate())).as("a new host keeps the CA").isEqualTo(ca);
        assertThat(Files.readString(dir.resolve("hosts"))).contains("other.example.com");
    }
}
