package io.tillstream.registry.core;

/** Which versions a listing shows, by the {@code deleted}, {@code deletedOnly} and {@code deletedAsNegative} parameters. */
public enum LookupFilter {
    LIVE,
    WITH_DELETED,
    DELETED_ONLY,
    /** Every version, the soft-deleted ones as negative numbers. */
    DELETED_AS_NEGATIVE;

    /** Confluent's precedence: deletedAsNegative, then deletedOnly, then deleted. */
    public static LookupFilter of(boolean deleted, boolean deletedOnly, boolean deletedAsNegative) {
        if (deletedAsNegative) {
            return DELETED_AS_NEGATIVE;
        }
        return deletedOnly ? DELETED_ONLY : deleted ? WITH_DELETED : LIVE;
    }

    boolean includes(boolean deleted) {
        return switch (this) {
            case LIVE -> !deleted;
            case DELETED_ONLY -> deleted;
            case WITH_DELETED, DELETED_AS_NEGATIVE -> true;
        };
    }
}
