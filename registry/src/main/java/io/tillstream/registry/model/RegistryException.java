package io.tillstream.registry.model;

/**
 * A request the registry refuses, with the Confluent error code that says why; the HTTP layer turns
 * every one of them into an error body in one place.
 */
public final class RegistryException extends RuntimeException {

    private final ErrorCode errorCode;

    public RegistryException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public RegistryException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public static RegistryException subjectNotFound(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static RegistryException versionNotFound(int version) {
        return new RegistryException(ErrorCode.VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    public static RegistryException schemaNotFound() {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found");
    }

    public static RegistryException schemaNotFound(int id) {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    public static RegistryException invalidSchema(String message) {
        return new RegistryException(ErrorCode.INVALID_SCHEMA, message);
    }

    public static RegistryException notPermitted(String message) {
        return new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED, message);
    }
}
