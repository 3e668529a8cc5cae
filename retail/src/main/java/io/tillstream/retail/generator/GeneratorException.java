package io.tillstream.retail.generator;

/** The generator cannot start or go on, for a reason its one-line message gives. */
public final class GeneratorException extends RuntimeException {

    public GeneratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
