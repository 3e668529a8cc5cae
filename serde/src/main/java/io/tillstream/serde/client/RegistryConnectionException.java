package io.tillstream.serde.client;

/** No registry URL could be reached, or none answered in time; the message names the URLs tried. */
public class RegistryConnectionException extends RegistryException {

    public RegistryConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
