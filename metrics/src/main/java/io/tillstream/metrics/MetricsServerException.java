package io.tillstream.metrics;

/** The metrics port cannot be served (taken, or not an address of this machine). */
public final class MetricsServerException extends RuntimeException {

    public MetricsServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
