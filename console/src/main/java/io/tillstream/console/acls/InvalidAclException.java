package io.tillstream.console.acls;

/** An ACL the page sent that Kafka could not take: the message names the field and what it may be. */
public final class InvalidAclException extends RuntimeException {

    public InvalidAclException(String message) {
        super(message);
    }
}
