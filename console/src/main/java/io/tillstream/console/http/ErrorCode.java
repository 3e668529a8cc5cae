package io.tillstream.console.http;

import java.util.Locale;

/**
 * Every error code the API answers with, each declared once with its HTTP status. The code is the name in lower case
 * ({@code TOPIC_NOT_FOUND} is {@code topic_not_found}) unless given.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_FILTER(400),
    INVALID_REQUEST(400),
    CONFIRMATION_MISMATCH(400),
    SERIALIZATION_FAILED(400),
    KAFKA_REJECTED(400),
    REGISTRY_REJECTED(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    HOST_REFUSED(403),
    CSRF_TOKEN_INVALID(403),
    READ_ONLY(403),
    KAFKA_DENIED(403),
    NOT_FOUND(404),
    CLUSTER_NOT_FOUND(404),
    TOPIC_NOT_FOUND(404),
    GROUP_NOT_FOUND(404),
    SUBJECT_NOT_FOUND(404),
    VERSION_NOT_FOUND(404),
    SCHEMA_NOT_FOUND(404),
    SALES_NOT_CONFIGURED(404),
    ACL_NOT_FOUND(404),
    TOPIC_EXISTS(409),
    GROUP_NOT_EMPTY(409),
    SCHEMA_INCOMPATIBLE(409),
    NO_AUTHORIZER(409),
    REDRIVE_CONFLICT(409),
    INVALID_SCHEMA(422),
    /** The registry refused a request with 422 without a Confluent error code the console knows. */
    REGISTRY_UNPROCESSABLE(422, "registry_rejected"),
    TOO_MANY_BROWSES(429),
    TOO_MANY_SCANS(429),
    INTERNAL(500),
    LAKE_UNREADABLE(500),
    REGISTRY_UNAVAILABLE(502),
    REGISTRY_DENIED(502),
    REGISTRY_FAILED(502),
    SALES_FAILED(502),
    KAFKA_UNAVAILABLE(503),
    SALES_UNAVAILABLE(503),
    SALES_NOT_READY(503),
    INTERRUPTED(503);

    private final int status;
    private final String code;

    ErrorCode(int status) {
        this.status = status;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** As the error body names it. */
    public String code() {
        return code;
    }
}
