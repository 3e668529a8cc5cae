package io.tillstream.pipeline;

/** The pipeline could not start or stopped running; the message is one line a user can act on. */
public class PipelineException extends RuntimeException {

    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
