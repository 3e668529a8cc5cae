package io.tillstream.serde.client;

/**
 * The registry answered with an error: its HTTP status, Confluent's {@code error_code} (40401
 * subject not found, 40403 schema not found, 409 incompatible, 42201 invalid schema, ...) and its
 * message.
 */
public class RegistryClientException extends RegistryException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;
    private final String registryMessage;

    public RegistryClientException(int status, int errorCode, String registryMessage, String request) {
        super(registryMessage + " (HTTP " + status + ", error code " + errorCode + ") from " + request, null);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message, without the request and codes that {@link #getMessage()} adds. */
    public String registryMessage() {
        return registryMessage;
    }
}
