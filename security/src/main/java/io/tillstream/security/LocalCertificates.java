package io.tillstream.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A local certificate authority and a server certificate it signed, made once in a directory and
 * reused. They are made by the JDK's own {@code keytool} (every JDK has it), so no certificate library
 * comes into the jar: EC P-256 keys, the CA valid ten years, the server certificate 825 days for
 * {@code localhost}, {@code 127.0.0.1} and the given host names. A later start with other host names
 * signs a new server certificate with the same CA, so clients keep trusting it.
 *
 * <pre>
 *   ca.pem          the CA certificate: give it to browsers, curl (--cacert) and clients
 *   truststore.p12  the CA certificate as a PKCS12 truststore (ssl.truststore.location)
 *   server.p12      the server's key and certificate chain (PKCS12)
 *   ca.p12          the CA's key (owner only)
 *   password        the stores' password (owner only)
 *   hosts           the host names the server certificate names
 * </pre>
 */
public final class LocalCertificates {

    /** The stores the servers and clients use, and the password of all of them. */
    public record Stores(Path caCertificate, Path truststore, Path keystore, String password) {

        /** Never the password: this record may reach a log line. */
        @Override
        public String toString() {
            return "Stores[" + keystore + ", " + truststore + "]";
        }
    }

    public static final String STORE_TYPE = Https.DEFAULT_STORE_TYPE;

    private final Path dir;

    private LocalCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * The stores in {@code dir}, made now if missing, the server certificate re-signed if it does not name
     * every one of {@code hosts}.
     *
     * @throws TlsException if keytool is missing or fails, or the directory cannot be written
     */
    public static Stores ensure(Path dir, List<String> hosts) {
        return new LocalCertificates(dir).ensure(hosts);
    }

    private Stores ensure(List<String> hosts) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        names.addAll(hosts);
        String hostLine = String.join(",", names);
        try {
            Files.createDirectories(dir);
            Path passwordFile = dir.resolve("password");
            String password;
            if (Files.exists(passwordFile)) {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            } else {
                byte[] secret = new byte[18];
                new SecureRandom().nextBytes(secret);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                OwnerOnlyFile.write(passwordFile, List.of(password));
            }
            if (!Files.exists(dir.resolve("ca.p12"))) {
                makeAuthority(password);
            }
            Path hostsFile = dir.resolve("hosts");
            if (!Files.exists(dir.resolve("server.p12")) || !Files.exists(hostsFile)
                || !Files.readString(hostsFile, StandardCharsets.UTF_8).trim().equals(hostLine)) {
                makeServer(password, names);
                Files.writeString(hostsFile, hostLine + "\n", StandardCharsets.UTF_8);
            }
            return new Stores(dir.resolve("ca.pem"), dir.resolve("truststore.p12"), dir.resolve("server.p12"), password);
        } catch (IOException e) {
            throw new TlsException("cannot write the local certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void makeAuthority(String password) throws IOException {
        Files.deleteIfExists(dir.resolve("truststore.p12"));
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
            "-dname", "CN=Tillstream local CA", "-ext", "bc:c", "-keystore", "ca.p12", "-storetype", STORE_TYPE,
            "-storepass", password);
        Files.setPosixFilePermissions(dir.resolve("ca.p12"), PosixFilePermissions.fromString("rw-------"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", password, "-file", "ca.pem");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "truststore.p12",
            "-storetype", STORE_TYPE, "-storepass", password);
    }

    private void makeServer(String password, Set<String> names) throws IOException {
        Files.deleteIfExists(dir.resolve("server.p12"));
        List<String> san = new ArrayList<>();
        for (String name : names) {
            san.add((name.matches("[0-9.]+") || name.contains(":") ? "ip:" : "dns:") + name);
        }
        // keytool signs it with the CA's key in the CA's store (-signer), then moves it to a store of its own.
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "825",
            "-dname", "CN=Tillstream", "-signer", "ca", "-ext", "SAN=" + String.join(",", san), "-ext", "KU=digitalSignature",
            "-ext", "EKU=serverAuth", "-keystore", "ca.p12", "-storepass", password);
        keytool("-importkeystore", "-srckeystore", "ca.p12", "-srcstorepass", password, "-srcalias", "server",
            "-destkeystore", "server.p12", "-deststoretype", STORE_TYPE, "-deststorepass", password);
        keytool("-delete", "-alias", "server", "-keystore", "ca.p12", "-storepass", password);
        Files.setPosixFilePermissions(dir.resolve("server.p12"), PosixFilePermissions.fromString("rw-------"));
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // A few hundred milliseconds of work each: the JIT's later tiers would only cost start-up.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new TlsException("keytool " + args[0] + " failed in " + dir + ": " + output);
            }
        } catch (IOException e) {
            throw new TlsException("cannot run the JDK's keytool (" + command.get(0) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TlsException("interrupted while making the local certificates", e);
        }
    }
}
