package io.tillstream.console.acls;

/** The cluster runs no authorizer (Kafka answered {@code SecurityDisabledException}), so it keeps no ACLs. */
public final class NoAuthorizerException extends RuntimeException {

    public NoAuthorizerException(String message) {
        super(message);
    }
}
