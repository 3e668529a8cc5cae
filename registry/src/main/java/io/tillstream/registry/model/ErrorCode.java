package io.tillstream.registry.model;

/** Confluent Schema Registry's error codes, each with the HTTP status it is answered with. */
public enum ErrorCode {
    /** A body of the wrong shape: Jackson's mapping errors, which Confluent answers 400 too. */
    BAD_REQUEST(400, 400),
    UNAUTHORIZED(401, 401),
    /** A signed-in user not allowed the request: Confluent's RBAC answers its 40301 so. */
    FORBIDDEN(40301, 403),
    SUBJECT_NOT_FOUND(40401, 404),
    VERSION_NOT_FOUND(40402, 404),
    SCHEMA_NOT_FOUND(40403, 404),
    SUBJECT_SOFT_DELETED(40404, 404),
    SUBJECT_NOT_SOFT_DELETED(40405, 404),
    VERSION_SOFT_DELETED(40406, 404),
    VERSION_NOT_SOFT_DELETED(40407, 404),
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(40408, 404),
    SUBJECT_MODE_NOT_CONFIGURED(40409, 404),
    /** Confluent 5.x to 7.x, which most clients were written against, answer an incompatible schema with 409. */
    INCOMPATIBLE_SCHEMA(409, 409),
    INVALID_SCHEMA(42201, 422),
    INVALID_VERSION(42202, 422),
    INVALID_COMPATIBILITY_LEVEL(42203, 422),
    INVALID_MODE(42204, 422),
    OPERATION_NOT_PERMITTED(42205, 422),
    REFERENCE_EXISTS(42206, 422),
    ID_DOES_NOT_MATCH(42207, 422),
    INVALID_SUBJECT(42208, 422),
    STORE_ERROR(50001, 500),
    OPERATION_TIMEOUT(50002, 500),
    /** A follower could not get an answer from the leader it forwards writes to. */
    REQUEST_FORWARDING_FAILED(50003, 500),
    /** No instance leads (an election is under way, or no instance may lead), so nothing can be written. */
    UNKNOWN_LEADER(50004, 500);

    private final int code;
    private final int httpStatus;

    ErrorCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
