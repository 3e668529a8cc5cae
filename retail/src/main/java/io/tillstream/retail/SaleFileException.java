package io.tillstream.retail;

/** A sales file cannot be used at all: missing, unreadable, or not in the dataset's layout. */
public final class SaleFileException extends RuntimeException {

    public SaleFileException(String message) {
        super(message);
    }
}
