package io.tillstream.pipeline.query;

/** The answer cannot be complete right now (starting, rebalancing, an instance out of reach): HTTP 503, retry. */
final class QueryUnavailableException extends RuntimeException {

    QueryUnavailableException(String message) {
        super(message);
    }

    QueryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
