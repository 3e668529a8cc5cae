package io.tillstream.security;

import java.util.Locale;

/** Whether a host name or literal address names this machine's loopback interface, without a DNS lookup. */
public final class Loopback {

    private Loopback() {
    }

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
            || h.equals("0:0:0:0:0:0:0:1");
    }
}
