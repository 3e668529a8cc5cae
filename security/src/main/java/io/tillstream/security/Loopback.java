package io.tillstream.security;

import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a host name or literal address names this machine's loopback interface, without a DNS lookup. */
public final class Loopback {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private Loopback() {
    }

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        // 127.0.0.1.nip.io is a name anyone can point anywhere, so only the address itself counts.
        return h.equals("localhost") || h.endsWith(".localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("::1")
            || h.equals("0:0:0:0:0:0:0:1");
    }
}
