package io.tillstream.cluster;

/** The data directory cannot be used: unwritable, not Tillstream's, or formatted for another cluster shape. */
public final class DataDirectoryException extends ClusterException {

    public DataDirectoryException(String message) {
        super(message);
    }

    public DataDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
