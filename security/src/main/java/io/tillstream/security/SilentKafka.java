package io.tillstream.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;

/**
 * What to tell a user whose Kafka client got no answer in time. A listener that wants SASL or TLS drops a client
 * speaking PLAINTEXT without a word, which Kafka's clients report as a timeout, just as if nothing were running; so
 * when something does accept connections at the address and the client spoke PLAINTEXT, the line says to pass the
 * listener's client settings instead of asking whether Kafka runs.
 */
public final class SilentKafka {

    /** How long the probe waits for a TCP connection: a listener on a reachable host answers in far less. */
    private static final int PROBE_TIMEOUT_MS = 1_000;

    private SilentKafka() {
    }

    /**
     * @param bootstrapServers the client's {@code bootstrap.servers}
     * @param timeout          how long the client waited, as the user wrote it (e.g. {@code 15s})
     * @param clientSettings   the client's settings, for its {@code security.protocol}
     */
    public static String message(String bootstrapServers, String timeout, Map<String, ?> clientSettings) {
        Object protocol = clientSettings.get("security.protocol");
        boolean plaintext = protocol == null || protocol.toString().toUpperCase(Locale.ROOT).equals("PLAINTEXT");
        if (plaintext && acceptsConnections(bootstrapServers)) {
            return "Kafka at " + bootstrapServers + " accepts connections but did not answer a PLAINTEXT client within "
                + timeout + "; if its listener wants SASL or TLS, give its client settings with --command-config FILE"
                + " ('tillstream up --users-file' writes them to DATA_DIR/client.properties)";
        }
        return "cannot reach Kafka at " + bootstrapServers + " within " + timeout + "; is it running? ('tillstream up' starts one)";
    }

    private static boolean acceptsConnections(String bootstrapServers) {
        for (String server : bootstrapServers.split(",")) {
            int colon = server.trim().lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            String host = server.trim().substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(server.trim().substring(colon + 1))), PROBE_TIMEOUT_MS);
                return true;
            } catch (IOException | IllegalArgumentException unreachable) {
                // The next address, if any.
            }
        }
        return false;
    }
}
