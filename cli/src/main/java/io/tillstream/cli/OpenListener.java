package io.tillstream.cli;

import io.tillstream.security.Loopback;

import java.io.PrintWriter;

/** The warning every server command prints when it listens beyond loopback without a users file. */
final class OpenListener {

    private OpenListener() {
    }

    static void warnIfOpen(PrintWriter err, String server, String host, boolean authenticated) {
        if (!authenticated && !Loopback.isLoopback(host)) {
            err.println("warning: " + server + " listens beyond loopback without authentication; pass --users-file to require it");
            err.flush();
        }
    }
}
