package io.tillstream.security;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The before-handler of a Tillstream HTTP server without users: a request must name this server in
 * its {@code Host}, so that a web page whose own name was re-pointed at this machine (DNS rebinding)
 * cannot use the browser to reach an open server. Answered are loopback names, address literals
 * (rebinding needs a name), this machine's own host name, and the names a server is configured with.
 */
public final class HostCheck implements Handler {

    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+]");

    private final Set<String> names = new HashSet<>();
    private final BiFunction<Integer, String, RuntimeException> refusal;

    /**
     * @param names   host names this server is configured to answer to, besides the ones always answered
     * @param refusal the server's exception for a status and message, thrown to end the request
     */
    public HostCheck(Collection<String> names, BiFunction<Integer, String, RuntimeException> refusal) {
        names.forEach(name -> this.names.add(name.toLowerCase(Locale.ROOT)));
        try {
            InetAddress self = InetAddress.getLocalHost();
            this.names.add(self.getHostName().toLowerCase(Locale.ROOT));
            this.names.add(self.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            // A machine without a resolvable name of its own is reached by address or loopback only.
        }
        this.refusal = refusal;
    }

    @Override
    public void handle(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !answers(host)) {
            throw refusal.apply(403, "Host '" + host + "' is not a name this server answers to without authentication"
                + " (loopback, an address, or its configured host); give the server users to serve any name");
        }
    }

    /** Whether a {@code Host} header's value (with or without a port) names this server. */
    public boolean answers(String hostHeader) {
        String host = hostHeader.toLowerCase(Locale.ROOT).trim();
        if (!host.startsWith("[")) {
            int colon = host.lastIndexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
        } else if (host.contains("]:")) {
            host = host.substring(0, host.indexOf("]:") + 1);
        }
        return Loopback.isLoopback(host) || ADDRESS_LITERAL.matcher(host).matches() || names.contains(host);
    }
}
