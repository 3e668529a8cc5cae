package io.tillstream.security;

/** A users file that cannot be read or holds a line that is not a user; the message names the file and line. */
public final class UsersFileException extends RuntimeException {

    public UsersFileException(String message) {
        super(message);
    }
}
