package io.tillstream.cluster;

/**
 * A local cluster could not be set up or started for a reason the user can act on. The message is
 * one line, written for the person at the terminal: what is wrong and where.
 */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
