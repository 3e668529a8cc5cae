package io.tillstream.cluster;

/** A port a node needs is already taken by another process. */
public final class PortInUseException extends ClusterException {

    private final int port;

    public PortInUseException(String host, int port, String purpose) {
        super("port " + port + " on " + host + " (" + purpose + ") is already in use; stop what holds it or pick other ports");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
