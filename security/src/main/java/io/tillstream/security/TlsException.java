package io.tillstream.security;

/** TLS material that cannot be made or read; the message names the file or tool. */
public final class TlsException extends RuntimeException {

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
